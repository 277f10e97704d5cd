# BusyBox ash: pipelines, command substitution, subshells, background jobs and wait (ash's wait
# sleeps in rt_sigsuspend until its SIGCHLD handler runs, then reaps with wait4(-1, WNOHANG)).
echo "b a c" | tr ' ' '\n' | sort | tr '\n' ' '; echo
echo one two three | tr a-z A-Z | wc -w
false | true; echo "pipeline status $?"
true | false; echo "pipeline status $?"
seq 1 5 | while read n; do echo -n "$((n * n)) "; done; echo
x=$(echo $(echo inner) outer); echo "[$x]"
echo "hello.txt has $(wc -l < /tests/data/hello.txt) line(s), $(cat /tests/data/hello.txt | wc -c) bytes"
y=1; (y=2; echo "in subshell y=$y"; exit 4); echo "after subshell y=$y status=$?"
(cd /tests/data && pwd); pwd
{ echo grouped; echo output; } | wc -l
sleep 0.3 & a=$!
(exit 3) & b=$!
wait $b; echo "wait b: $?"
wait $a; echo "wait a: $?"
for i in 1 2 3 4 5; do (sleep 0.$i; exit $i) & done
wait; echo "wait all: $?"
for i in 1 2 3; do (exit $((i * 10))) & eval p$i=\$!; done
wait $p3; echo "p3 $?"; wait $p1; echo "p1 $?"; wait $p2; echo "p2 $?"
wait $p1; echo "p1 again: $?"
sleep 0.1 & sleep 0.2 & jobs_done=0; wait; echo "two sleeps done"
i=0; while [ $i -lt 20 ]; do true & i=$((i + 1)); done; wait; echo "20 background jobs reaped"
echo "done"
