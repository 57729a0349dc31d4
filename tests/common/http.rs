//! A small HTTP server on 127.0.0.1 for tests of fetching links: no outside network. Each route
//! answers as a real server would: a page, a redirect, a 404, an oversized body, a server that
//! never answers.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A running server; its threads end with the test process.
pub struct Server {
    pub base: String,
    requests: Arc<AtomicUsize>,
}

/// A page of the test story, served as `/story` (and reached through `/moved`).
pub const STORY: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
<title>Flood closes river road | Valley News</title>\
<meta property=\"og:site_name\" content=\"Valley News\">\
<meta property=\"article:published_time\" content=\"2023-03-09T10:00:00Z\"></head>\
<body><nav>Home | Sport</nav><article><h1>Flood closes river road</h1>\
<p>Floodwater closed the river road in Millbrook on Wednesday after two days of rain, the county \
roads office said.</p><p>About 40 homes were evacuated and no one was hurt, fire chief Dana Ruiz \
said.</p></article><footer>Copyright Valley News</footer></body></html>";

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || answer(stream));
            }
        });
        Server { base, requests }
    }

    /// How many requests the server has had.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The headers, up to the blank line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = |s: &mut TcpStream, head: &str, body: &[u8]| {
        let _ = write!(
            s,
            "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(body);
    };
    match path.as_str() {
        "/story" => reply(
            &mut stream,
            "200 OK\r\nContent-Type: text/html; charset=utf-8",
            STORY.as_bytes(),
        ),
        // A page whose address ends like no file, sent as Latin-1 and saying so only in the
        // header.
        "/latin1?id=7" => reply(
            &mut stream,
            "200 OK\r\nContent-Type: text/html; charset=ISO-8859-1",
            b"<html><body><article><p>The caf\xe9 on Main Street reopened on Monday after the \
              flood, its owner Jos\xe9 Pardo said, and served 200 breakfasts.</p></article></body></html>",
        ),
        "/moved" => reply(&mut stream, "302 Found\r\nLocation: /story", b""),
        "/loop" => reply(&mut stream, "302 Found\r\nLocation: /loop", b""),
        "/big" => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3000000\r\n\r\n"
            );
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..46 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        "/silent" => std::thread::sleep(Duration::from_secs(30)),
        _ => reply(&mut stream, "404 Not Found\r\nContent-Type: text/html", b"<p>gone</p>"),
    }
}
