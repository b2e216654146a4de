"""An impostor PostgreSQL server for tests/cli/pg_attacks.rs: it speaks just enough of the
protocol to ask the client for its password the weak way, and records every byte the client
sends after its startup message (where a password would be).

usage: python3 pg_impostor.py MODE CAPTURE [CERT KEY]
  MODE: cleartext | md5 | scram (SCRAM-SHA-256 without channel binding) | no-tls
  Over TLS (answers 'S' to SSLRequest) when CERT and KEY are given, unless MODE is no-tls.
Prints the port it listens on (127.0.0.1), serves one connection, then exits."""
import socket
import ssl
import struct
import sys

mode, capture = sys.argv[1], sys.argv[2]
cert = sys.argv[3:5]

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
srv.settimeout(30)
conn, _ = srv.accept()
conn.settimeout(10)


def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


got = b""
try:
    (length,) = struct.unpack("!I", read_exact(conn, 4))
    body = read_exact(conn, length - 4)
    if body[:4] == struct.pack("!I", 80877103):  # SSLRequest
        if mode == "no-tls" or not cert:
            conn.sendall(b"N")
        else:
            conn.sendall(b"S")
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert[0], cert[1])
            conn = ctx.wrap_socket(conn, server_side=True)
        (length,) = struct.unpack("!I", read_exact(conn, 4))
        body = read_exact(conn, length - 4)
    if mode == "cleartext":
        conn.sendall(b"R" + struct.pack("!II", 8, 3))
    elif mode == "md5":
        conn.sendall(b"R" + struct.pack("!II", 12, 5) + b"salt")
    else:
        mech = b"SCRAM-SHA-256\x00\x00"
        conn.sendall(b"R" + struct.pack("!II", 8 + len(mech), 10) + mech)
    while True:
        chunk = conn.recv(4096)
        if not chunk:
            break
        got += chunk
except (EOFError, OSError, ssl.SSLError):
    pass
with open(capture, "wb") as f:
    f.write(got)
