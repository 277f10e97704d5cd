// std area `net`: TCP and UDP on 127.0.0.1 (listen/accept/connect, timeouts, peek, nodelay,
// non-blocking, shutdown, connect_timeout), address parsing.
include!("mark.rs");
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs, UdpSocket};
use std::time::Duration;

fn main() {
    mark::begin();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let t = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut b = [0u8; 5];
        s.read_exact(&mut b).unwrap();
        s.write_all(&b).unwrap();
        let _ = l.set_nonblocking(true);
        let _ = l.accept();
    });
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_nodelay(true).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    c.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    c.write_all(b"hello").unwrap();
    let mut b = [0u8; 5];
    c.peek(&mut b).unwrap();
    c.read_exact(&mut b).unwrap();
    let _ = (c.peer_addr().unwrap(), c.local_addr().unwrap(), c.nodelay().unwrap(), c.ttl().unwrap());
    c.shutdown(Shutdown::Write).unwrap();
    t.join().unwrap();
    let c2 = TcpStream::connect_timeout(&addr, Duration::from_millis(200));
    let _ = c2.is_err();
    let u1 = UdpSocket::bind("127.0.0.1:0").unwrap();
    let u2 = UdpSocket::bind("127.0.0.1:0").unwrap();
    u1.send_to(b"dgram", u2.local_addr().unwrap()).unwrap();
    let mut db = [0u8; 16];
    let (n, _from) = u2.recv_from(&mut db).unwrap();
    assert_eq!(n, 5);
    u2.connect(u1.local_addr().unwrap()).unwrap();
    u2.send(b"back").unwrap();
    let _ = u1.recv(&mut db).unwrap();
    u1.set_broadcast(true).unwrap();
    let _: Vec<SocketAddr> = "127.0.0.1:80".to_socket_addrs().unwrap().collect();
    mark::end();
    println!("net ok");
}
