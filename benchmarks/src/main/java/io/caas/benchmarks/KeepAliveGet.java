package io.caas.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over loopback that sends {@code GET /ping} and reads the whole response, whose
 * body must be {@code ok}: the client side of the whole-request benchmarks, as small as a client can be so the
 * server's share of the time and allocation stays visible.
 */
final class KeepAliveGet implements AutoCloseable {

    private static final byte[] REQUEST = "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[4096];

    KeepAliveGet(int port) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** One request and its whole response (headers and the 2-byte body); returns the bytes read. */
    int ping() throws IOException {
        out.write(REQUEST);
        out.flush();
        int read = 0;
        while (!complete(read)) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            read += n;
        }
        return read;
    }

    /** The response ends with the body "ok" after the blank line that ends the headers. */
    private boolean complete(int read) {
        return read >= 6 && buffer[read - 2] == 'o' && buffer[read - 1] == 'k' && buffer[read - 3] == '\n' && buffer[read - 4] == '\r';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
