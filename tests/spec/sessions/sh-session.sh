# A scripted BusyBox ash session (stdin of `sh`): builtins, variables, control flow, a pipeline,
# command substitution, redirections, a subshell, a background job and `wait`, a trap, cd, and
# the ls and cat applets (run as separate processes).
echo "session start"
x=5; y=$((x * 7)); echo "y=$y"
for i in 1 2 3; do printf '%s ' "$i"; done; echo
if [ -d /tests/data ]; then echo "have data"; else echo "no data"; fi
cd /tests/data && pwd
ls
ls -l /tests/data/hello.txt
cat hello.txt
cat lines.txt | wc -l
n=$(cat lines.txt | head -n 1); echo "first: $n"
echo "to a file" > /tmp/sh-session.out; cat /tmp/sh-session.out; rm /tmp/sh-session.out
(cd /; echo "subshell in $(pwd)")
sleep 0 &
wait
trap 'echo trapped' USR1
kill -USR1 $$
read line < lines.txt; echo "read: $line"
false || echo "false failed with $?"
test -e /nonexistent || echo "no such file"
echo "session end"
