# BusyBox file tools (issue 4), run by `sh` reading this file on stdin. Everything happens on a
# fresh tmpfs with a size limit, and every time stamp is set explicitly with touch -d, so the
# output is the same on Linux and on Levitate: ls -la and -lR, find, stat -c, du, cp -a, mv, rm -r,
# ln -s, chmod, touch, df, mount, and the headers of free and ps (their numbers are the
# machine's).
T='2024-02-03 04:05:06'
mkdir /tmp/fs-bb && mount -t tmpfs -o size=2m,mode=755 fsbb /tmp/fs-bb || exit 1
cd /tmp/fs-bb || exit 1
mkdir -p top/sub/deep top/empty
echo hello > top/hello.txt
yes 123456789 | head -n 500 > top/sub/big
ln -s hello.txt top/link
ln top/hello.txt top/hard
mkfifo top/fifo
: > top/sub/deep/file
chmod 640 top/hello.txt
chmod 750 top/sub
chmod u+x,g-w,o= top/sub/big
touch -c top/nothere; echo "touch -c: $? $(ls top | grep -c nothere)"
find top -exec touch -h -d "$T" {} +
touch -d "$T" .
echo '== ls -la'; ls -la top
echo '== ls -lR'; ls -lR top
echo '== find'; find top
echo '== find -type'; find top -type f; find top -type l -o -type p; find top -name 'h*' -size -2
# (access times only of files nothing has read: listing a directory or reading a link moves
# its atime to "now", which differs between runs)
echo '== stat'; stat -c '%n %s %b %a %A %F %h %U %G %Y' top top/* top/sub/*
stat -c '%n %X' top/hello.txt top/fifo top/sub/big
echo '== du'; du -a top; du -s top; du -sk top/sub
# (cp -a cannot set a symlink's own times: the copy's link is "now", so it is touched)
echo '== cp -a'; cp -a top copy; touch -h -d "$T" copy/link; ls -lR copy; stat -c '%n %h %Y' copy/hello.txt copy/hard; stat -c '%n %h' copy/link
echo '== mv'; mv copy/hello.txt copy/sub/moved; mv copy/sub copy/renamed; find copy
mv copy/nothere copy/x; echo "mv missing: $?"
echo '== rm -r'; rm -r copy; ls; rm -r nothere; echo "rm missing: $?"; rm top; echo "rm dir: $?"
echo '== ln -s'; ln -s /tmp/fs-bb/top/sub abs; ln -s top/hello.txt rel; readlink abs; readlink rel
readlink -f rel; readlink -f abs/deep/../big; cat rel; ln -sf top/link rel; readlink rel; cat rel
ln -s x top/hello.txt; echo "ln existing: $?"; ln -s x abs; readlink top/sub/x
echo '== chmod'; chmod -R go-rwx top/sub; chmod 4755 top/hello.txt; chmod a+s,o+t top/empty
stat -c '%n %a %A' top/sub top/sub/big top/sub/deep top/hello.txt top/empty; chmod 644 nothere; echo "chmod missing: $?"
echo '== touch'; touch -d '2001-02-03 04:05:06' top/new; stat -c '%n %s %Y %X' top/new
touch -a -d "$T" top/new; touch -m -d '2002-01-01 00:00:00' top/new; stat -c '%n %Y %X' top/new
echo '== df'; df /tmp/fs-bb; df -k top
echo '== mount'; mount | grep fs-bb; grep fs-bb /proc/mounts
mount -t tmpfs -o size=1m,nr_inodes=100,mode=1700 inner top/empty; grep inner /proc/mounts
stat -f -c '%t %s %b %f %a %c %d %l' top/empty; umount top/empty; echo "umount: $?"
echo '== free'; free | sed -n 1p; free | awk '{print $1}'
echo '== ps'; ps | sed -n 1p; ps -o pid,ppid,user,group,comm,args | sed -n 1p
cd /; umount /tmp/fs-bb; echo "umount: $?"; rmdir /tmp/fs-bb; echo "rmdir: $?"
