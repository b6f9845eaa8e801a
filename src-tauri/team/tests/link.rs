//! A network link between Folio and a server that a test can break: cut at once, or once so many
//! bytes have gone from Folio to the server (the network failing in the middle of an upload);
//! while cut, it closes every connection it holds and every new one, until it is healed.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

pub struct Link {
    state: Arc<State>,
}

struct State {
    cut: AtomicBool,
    /// Bytes that may still go towards the server before the link is cut (`i64::MAX`: no limit).
    budget: AtomicI64,
    /// Both ends of every connection passed on, to close them when the link is cut.
    open: Mutex<Vec<TcpStream>>,
}

impl State {
    fn cut_now(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Link {
    /// A link listening on `port` of localhost to the server at `upstream`: Folio is given this
    /// port in place of the server's.
    pub fn open(port: u16, upstream: SocketAddr) -> Link {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the link's port is free");
        let state = Arc::new(State {
            cut: AtomicBool::new(false),
            budget: AtomicI64::new(i64::MAX),
            open: Mutex::new(Vec::new()),
        });
        let accepting = state.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if accepting.cut.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(upstream) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                {
                    let mut open = accepting.open.lock().unwrap();
                    open.push(client.try_clone().unwrap());
                    open.push(server.try_clone().unwrap());
                }
                pass_on(
                    client.try_clone().unwrap(),
                    server.try_clone().unwrap(),
                    true,
                    &accepting,
                );
                pass_on(server, client, false, &accepting);
            }
        });
        Link { state }
    }

    /// Cuts the link now.
    pub fn cut(&self) {
        self.state.cut_now();
    }

    /// Cuts the link once `bytes` more have gone towards the server.
    pub fn cut_after_sending(&self, bytes: i64) {
        self.state.budget.store(bytes, Ordering::SeqCst);
    }

    /// Whether the link has been cut (and not healed since).
    pub fn is_cut(&self) -> bool {
        self.state.cut.load(Ordering::SeqCst)
    }

    /// Lets connections through again.
    pub fn heal(&self) {
        self.state.budget.store(i64::MAX, Ordering::SeqCst);
        self.state.cut.store(false, Ordering::SeqCst);
    }
}

/// Copies one direction of a connection on a thread of its own; the direction towards the server
/// spends the link's budget, and cuts the link when it runs out.
fn pass_on(mut from: TcpStream, mut to: TcpStream, towards_server: bool, state: &Arc<State>) {
    let state = state.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            let read = match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => read,
            };
            if state.cut.load(Ordering::SeqCst) {
                break;
            }
            if towards_server {
                let before = state.budget.fetch_sub(read as i64, Ordering::SeqCst);
                if before < read as i64 {
                    state.cut_now();
                    break;
                }
            }
            if to.write_all(&buffer[..read]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}
