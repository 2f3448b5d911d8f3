package io.caas.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte, for requests an ordinary client refuses to send or rewrites: chunked bodies,
 * raw {@code %00} in a path, no Content-Type, huge request lines and headers, WebSocket upgrades that must fail.
 * The response is read as it arrived; the body is decoded from Content-Length, chunked or until the server closes.
 */
public final class RawHttp {

    /** A response as it arrived: status, headers (names in lower case) and the decoded body. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private final String method;
    private final String target;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body;
    private List<byte[]> chunks;

    private RawHttp(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** A request line {@code <method> <target> HTTP/1.1}; the target is sent exactly as given. */
    public static RawHttp request(String method, String target) {
        return new RawHttp(method, target);
    }

    public RawHttp header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public RawHttp bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public RawHttp json(String json) {
        return header("Content-Type", "application/json").body(json);
    }

    /** A body with its Content-Length (and no Content-Type unless one is set). */
    public RawHttp body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A body sent with Transfer-Encoding: chunked, in chunks of {@code chunkSize} bytes. */
    public RawHttp chunked(String text, int chunkSize) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        chunks = new ArrayList<>();
        for (int from = 0; from < all.length; from += chunkSize) {
            chunks.add(java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + chunkSize)));
        }
        return header("Transfer-Encoding", "chunked");
    }

    /** Sends the request to 127.0.0.1:{@code port} on a fresh connection and reads the response. */
    public Reply send(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            // Written on another thread: a server that answers early (413) may stop reading the rest.
            Thread writer = new Thread(() -> write(socket), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            Reply reply = read(socket.getInputStream());
            writer.join(2_000);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviated(target) + " got no complete response", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (!has("Host")) {
                head.append("Host: 127.0.0.1\r\n");
            }
            headers.forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            if (chunks != null) {
                for (byte[] chunk : chunks) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before reading everything: its answer is what the test reads
        }
    }

    private boolean has(String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the connection closed without a response");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else if (status == 101 || status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = untilClosed(in);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                line(in);
                break;
            }
            body.write(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    private static byte[] untilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // a kept-alive connection without a length: what arrived is the body
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
