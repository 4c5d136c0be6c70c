package io.github.camelsms.sms.simulator;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, on a fixed port, with accounts from the command line, until the JVM is stopped; for
 * trying an application (Spring Boot, Quarkus, Camel JBang) by hand:
 *
 * <pre>
 * --port 8089 --cpsms demo:demo-key[:credit] --laml ACxxxx:auth-token --signalwire project-uuid:api-token:signing-key
 * </pre>
 *
 * Each account option may be repeated. It prints each provider's base URL, then one line per request.
 */
public final class SmsSimulatorMain {

    static final int DEFAULT_PORT = 8089;
    static final BigDecimal DEFAULT_CREDIT = new BigDecimal("1000");

    private SmsSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SmsSimulator simulator;
        try {
            simulator = start(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "sms-simulator-stop"));
        stopped.await();
    }

    /** Starts a simulator as the arguments say and prints where it serves; the caller closes it. */
    static SmsSimulator start(PrintStream out, String... args) {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                port = parsePort(value(args, i++));
            } else if (!List.of("--cpsms", "--laml", "--signalwire").contains(args[i])) {
                throw new IllegalArgumentException("Unknown option: " + args[i]);
            } else {
                value(args, i++);
            }
        }
        SmsSimulator simulator = SmsSimulator.start(port);
        try {
            for (int i = 0; i < args.length; i += 2) {
                addAccount(simulator, args[i], args[i + 1], out);
            }
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        out.println("SMS simulator on " + simulator.baseUrl() + " (stop with Ctrl+C)");
        out.println("  cpsms       baseUrl=" + simulator.baseUrl());
        out.println("  twilio      baseUrl=" + simulator.twilioBaseUrl());
        out.println("  mycpaas     baseUrl=" + simulator.mycpaasBaseUrl());
        out.println("  signalwire  baseUrl=" + simulator.signalWireBaseUrl());
        simulator.addRequestCheck(request -> {
            out.println(request.method() + " " + request.path());
            return List.of();
        });
        return simulator;
    }

    private static void addAccount(SmsSimulator simulator, String option, String value, PrintStream out) {
        String[] parts = value.split(":", -1);
        switch (option) {
            case "--cpsms" -> {
                require(parts.length == 2 || parts.length == 3, option, value, "username:apiKey[:credit]");
                BigDecimal credit = parts.length == 3 ? credit(parts[2]) : DEFAULT_CREDIT;
                simulator.cpsms().addAccount(parts[0], parts[1], credit);
                out.println("  cpsms account " + parts[0] + " with credit " + credit.toPlainString());
            }
            case "--laml" -> {
                require(parts.length == 2, option, value, "accountSid:authToken");
                simulator.laml().addAccount(parts[0], parts[1]);
                out.println("  LaML account " + parts[0] + " (twilio, mycpaas)");
            }
            case "--signalwire" -> {
                require(parts.length == 3, option, value, "projectId:apiToken:signingKey");
                simulator.laml().addSignalWireProject(parts[0], parts[1], parts[2]);
                out.println("  SignalWire project " + parts[0]);
            }
            default -> {
                // --port, read before the simulator started
            }
        }
    }

    private static void require(boolean ok, String option, String value, String form) {
        if (!ok || Arrays.stream(value.split(":", -1)).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(option + " takes " + form + ", not '" + value + "'");
        }
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port takes a number from 0 to 65535, not '" + value + "'");
    }

    private static BigDecimal credit(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A CPSMS credit is a number, not '" + value + "'");
        }
    }

    static String usage() {
        return "Usage: SmsSimulatorMain [--port " + DEFAULT_PORT + "] [--cpsms username:apiKey[:credit]]..."
               + " [--laml accountSid:authToken]... [--signalwire projectId:apiToken:signingKey]...";
    }
}
