//! A small web server for tests of link capture: it listens on 127.0.0.1 on a free port and
//! answers each path with a fixed reply — a page, an image, a redirect, an error, a slow or an
//! endless answer — and counts the requests it served.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One answer of the server.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waited before answering (a slow server).
    pub delay: Duration,
    /// Sends no Content-Length and ends the body by closing the connection.
    pub without_length: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            without_length: false,
        }
    }

    /// A page, declared UTF-8 by the server.
    pub fn html(body: &str) -> Self {
        Self::new(200, "text/html; charset=utf-8", body)
    }

    pub fn bytes(content_type: &str, body: Vec<u8>) -> Self {
        Self::new(200, content_type, body)
    }

    pub fn redirect(to: &str) -> Self {
        let mut reply = Self::new(302, "text/plain", "moved");
        reply.headers.push(("Location".into(), to.into()));
        reply
    }

    pub fn not_found() -> Self {
        Self::new(404, "text/plain", "not found")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn without_length(mut self) -> Self {
        self.without_length = true;
        self
    }
}

/// A running server; it stops with the test process.
#[derive(Clone)]
pub struct Server {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let server = Self {
            port: listener.local_addr().unwrap().port(),
            routes: Arc::default(),
            hits: Arc::default(),
        };
        let serving = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let serving = serving.clone();
                std::thread::spawn(move || serving.answer(stream));
            }
        });
        server
    }

    /// Serves `reply` at `path` (`/news/a.html`).
    pub fn route(&self, path: &str, reply: Reply) -> &Self {
        self.routes.lock().unwrap().insert(path.into(), reply);
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many requests `path` received.
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    fn answer(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        let mut has_cookie = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            has_cookie |= line.to_ascii_lowercase().starts_with("cookie:");
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        *self.hits.lock().unwrap().entry(path.clone()).or_default() += 1;
        let reply = self
            .routes
            .lock()
            .unwrap()
            .get(&path)
            .cloned()
            .unwrap_or_else(Reply::not_found);
        // A client that sends cookies gets an error it cannot miss.
        let reply = if has_cookie {
            Reply::new(400, "text/plain", "cookies were sent")
        } else {
            reply
        };
        std::thread::sleep(reply.delay);
        let mut out = stream;
        let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !reply.without_length {
            head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
        }
        head.push_str("\r\n");
        let _ = out.write_all(head.as_bytes());
        let _ = out.write_all(&reply.body);
        let _ = out.flush();
    }
}
