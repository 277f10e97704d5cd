# A small shell script fed to `sh` on stdin.
x=0
for i in 1 2 3 4 5; do x=$((x + i)); done
echo "sum=$x"
read first < /tests/data/hello.txt
echo "first line: $first"
case "$first" in hello*) echo matched ;; *) echo "no match" ;; esac
f() { echo "f called with $# args: $*"; return 7; }
f a b c
echo "f returned $?"
echo "done"
