//! An output sink that buffers 1 MiB at a time and hands each full buffer to a second thread,
//! which computes the SHA-256 of everything written (for the export manifest) and writes it
//! out. The exporting thread only formats rows; hashing and `write` calls happen beside it.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

const CHUNK: usize = 1 << 20;

/// What the writer thread returns: SHA-256 and length of the bytes written.
pub type Written = ([u8; 32], u64);

pub struct Sink {
    buf: Vec<u8>,
    tx: Option<SyncSender<Vec<u8>>>,
    spare: Receiver<Vec<u8>>,
    worker: Option<JoinHandle<io::Result<Written>>>,
}

impl Sink {
    /// A sink writing to `out` (a file or stdout).
    pub fn new(out: Box<dyn Write + Send>) -> Sink {
        let (tx, rx) = sync_channel::<Vec<u8>>(2);
        let (back_tx, spare) = sync_channel::<Vec<u8>>(3);
        let worker = std::thread::spawn(move || write_worker(out, rx, back_tx));
        Sink {
            buf: Vec::with_capacity(CHUNK),
            tx: Some(tx),
            spare,
            worker: Some(worker),
        }
    }

    fn send(&mut self) -> io::Result<()> {
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let full = std::mem::replace(&mut self.buf, next);
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(full).is_ok());
        if sent {
            Ok(())
        } else {
            // The writer stopped on an error; finish() reports it.
            Err(io::Error::other("the output writer stopped"))
        }
    }

    /// Flushes everything and returns the SHA-256 and length of what was written.
    pub fn finish(mut self) -> io::Result<Written> {
        if !self.buf.is_empty() {
            let _ = self.send();
        }
        drop(self.tx.take());
        match self.worker.take().map(|w| w.join()) {
            Some(Ok(result)) => result,
            _ => Err(io::Error::other("the output writer failed")),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn write_worker(
    mut out: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    back: SyncSender<Vec<u8>>,
) -> io::Result<Written> {
    let mut sha = Sha256::new();
    let mut len = 0u64;
    for mut chunk in rx {
        sha.update(&chunk);
        len += chunk.len() as u64;
        out.write_all(&chunk)?;
        chunk.clear();
        let _ = back.try_send(chunk);
    }
    out.flush()?;
    Ok((sha.finalize().into(), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_what_it_writes() {
        let mut s = Sink::new(Box::new(io::sink()));
        let data = vec![b'x'; 3 * CHUNK + 17];
        s.write_all(&data).unwrap();
        let (hash, len) = s.finish().unwrap();
        assert_eq!(len, data.len() as u64);
        assert_eq!(hash.as_slice(), Sha256::digest(&data).as_slice());
    }
}
