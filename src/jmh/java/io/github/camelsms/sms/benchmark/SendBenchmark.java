package io.github.camelsms.sms.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One send per invocation against the canned loopback stub. Run it through {@link BenchmarkMain}, which runs every
 * method at 1 and 16 threads, in throughput and sample-time modes, with the gc profiler, and prints the ratios.
 */
public class SendBenchmark {

    @State(Scope.Benchmark)
    public static class Stub {
        CannedHttpStub stub;
        BenchmarkFixture camel;
        RawHttpClient raw;
        RawAsyncHttpClient rawAsync;

        @Setup(Level.Trial)
        public void start() throws Exception {
            stub = new CannedHttpStub();
            camel = new BenchmarkFixture(stub.baseUrl());
            raw = new RawHttpClient(stub.baseUrl());
            rawAsync = new RawAsyncHttpClient(stub.baseUrl());
            // every path once, so a misconfiguration fails before measuring
            camel.sendSmsCpsms();
            camel.sendSmsMycpaas();
            camel.sendCpsmsByHand();
            camel.sendLamlByHand();
            raw.postCpsms();
            raw.postLaml();
            rawAsync.postCpsms();
            rawAsync.postLaml();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            raw.close();
            rawAsync.close();
            camel.close();
            stub.close();
        }
    }

    /** A bare keep-alive socket per thread writing a pre-encoded request: what the stub and loopback cost. */
    @State(Scope.Thread)
    public static class RawSocket {
        Socket socket;
        OutputStream out;
        InputStream in;
        byte[] request;
        byte[] answer;

        @Setup(Level.Trial)
        public void connect(Stub stub) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), stub.stub.port());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            byte[] body = RawHttpClient.CPSMS_BODY;
            String head = "POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                          + BenchmarkFixture.basic(BenchmarkFixture.USER, BenchmarkFixture.API_KEY)
                          + "\r\nAccept: application/json\r\nContent-Type: application/json; charset=UTF-8\r\n"
                          + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            String expected = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                              + CannedHttpStub.CPSMS_BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                              + CannedHttpStub.CPSMS_BODY;
            answer = new byte[expected.getBytes(StandardCharsets.UTF_8).length];
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            socket.close();
        }
    }

    @Benchmark
    public byte[] stubFloor(RawSocket s) throws IOException {
        s.out.write(s.request);
        s.out.flush();
        int read = 0;
        while (read < s.answer.length) {
            int n = s.in.read(s.answer, read, s.answer.length - read);
            if (n < 0) {
                throw new IOException("the stub closed the connection");
            }
            read += n;
        }
        return s.answer;
    }

    /** Camel alone: the same template call into a one-step route, no HTTP. */
    @Benchmark
    public Object camelOnly(Stub s) {
        return s.camel.sendCamelOnly();
    }

    @Benchmark
    public byte[] cpsmsHttpClient(Stub s) throws IOException {
        return s.raw.postCpsms();
    }

    /** The transport alone: HttpClient 5's async client, the caller waiting on the future. */
    @Benchmark
    public byte[] cpsmsHttpAsyncClient(Stub s) throws IOException {
        return s.rawAsync.postCpsms();
    }

    @Benchmark
    public Object cpsmsSms(Stub s) {
        return s.camel.sendSmsCpsms();
    }

    @Benchmark
    public Object cpsmsCamelHttp(Stub s) {
        return s.camel.sendCpsmsByHand();
    }

    @Benchmark
    public byte[] lamlHttpClient(Stub s) throws IOException {
        return s.raw.postLaml();
    }

    @Benchmark
    public byte[] lamlHttpAsyncClient(Stub s) throws IOException {
        return s.rawAsync.postLaml();
    }

    @Benchmark
    public Object lamlSms(Stub s) {
        return s.camel.sendSmsMycpaas();
    }

    @Benchmark
    public Object lamlCamelHttp(Stub s) {
        return s.camel.sendLamlByHand();
    }
}
