# BusyBox ash and signals: traps (on `kill -INT $$` at the shell itself, during `wait`), exit
# statuses of killed children (128+n), the default actions of SIGSEGV, SIGABRT, SIGTERM, SIGQUIT.
trap 'echo "caught INT"' INT
kill -INT $$
echo "after INT"
trap 'echo "caught USR1"' USR1
kill -USR1 $$; kill -USR1 $$
echo "after USR1 twice"
trap - INT
trap 'echo "TERM during wait"' TERM
(sleep 0.2; kill -TERM $$) &
sleep 1 &
wait; echo "wait returned $?"
wait; echo "second wait returned $?"
trap - TERM
# (in subshells with stderr discarded: whether ash reports a killed background job as "Killed"
# depends on whether its SIGCHLD handler or `wait` reaped it first)
(sleep 5 & p=$!; kill $p; wait $p; echo "SIGTERM'd sleep: $?") 2>/dev/null
(sleep 5 & p=$!; kill -9 $p; wait $p; echo "SIGKILL'd sleep: $?") 2>/dev/null
(sleep 5 & p=$!; kill -HUP $p; wait $p; echo "SIGHUP'd sleep: $?") 2>/dev/null
/tests/sig-deliver --segv 2>/dev/null; echo "SIGSEGV: $?"
/tests/sig-deliver --abort 2>/dev/null; echo "abort(): $?"
/tests/sig-deliver --term; echo "SIGTERM: $?"
/tests/sig-deliver --quit 2>/dev/null; echo "SIGQUIT: $?"
sh -c 'kill -9 $$'; echo "sh killed itself: $?"
sh -c 'trap "echo child trap; exit 7" TERM; kill -TERM $$; echo not reached'; echo "child trap exit: $?"
trap 'echo "exit trap, status $?"' EXIT
exit 2
