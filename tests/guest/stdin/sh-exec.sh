# BusyBox ash: exec replacing the shell, exec redirections, and running scripts by path (#!).
sh -c 'exec echo "replaced by exec"; echo "not reached"'
exec 3>/tmp/sh-exec-fd3
echo "written via fd 3" >&3
exec 3>&-
cat /tmp/sh-exec-fd3
echo "fd 3 closed: $( { echo x >&3; } 2>/dev/null && echo no || echo yes)"
printf '#!/bin/sh\necho "script $0 got $# args: $*"\nexit 6\n' > /tmp/sh-script
chmod +x /tmp/sh-script
/tmp/sh-script a 'b c'; echo "script status $?"
chmod -x /tmp/sh-script
/tmp/sh-script 2>/dev/null; echo "non-executable script: $?"
/no/such/command 2>/dev/null; echo "missing command: $?"
sh /tmp/sh-script x; echo "via sh: $?"
exec sh -c 'echo "exec sh -c as the last command"; exit 9'
echo "not reached"
