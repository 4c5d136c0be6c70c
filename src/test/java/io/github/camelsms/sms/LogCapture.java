package io.github.camelsms.sms;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures every log event at TRACE (Apache HttpClient's wire and header loggers excepted) while open. */
public final class LogCapture implements AutoCloseable {

    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previous = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> raisedFrom = new ArrayList<>();

    LogCapture() {
        this(false);
    }

    /** @param everything also Apache HttpClient's wire and header loggers, and every logger configured lower */
    public LogCapture(boolean everything) {
        this(everything, true);
    }

    private LogCapture(boolean everything, boolean raise) {
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
        if (!raise) {
            return;
        }
        root.setLevel(Level.TRACE);
        if (everything) {
            for (Logger logger : logging.getLoggerList()) {
                if (logger != root && logger.getLevel() != null) {
                    raised.add(logger);
                    raisedFrom.add(logger.getLevel());
                    logger.setLevel(Level.TRACE);
                }
            }
        } else {
            logging.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.INFO);
            logging.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.INFO);
        }
    }

    /** Captures what the test configuration logs anyway, raising no level (for timing-sensitive tests). */
    static LogCapture asConfigured() {
        return new LogCapture(false, false);
    }

    /** Every captured line: logger, formatted message and the whole stack trace of its throwable. */
    public List<String> everything() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            texts.add(event.getLoggerName() + " " + event.getFormattedMessage()
                      + (event.getThrowableProxy() == null ? ""
                              : " " + ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(
                                      event.getThrowableProxy())));
        }
        return texts;
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every formatted message and throwable message captured from loggers whose name starts with the prefix. */
    List<String> texts(String loggerPrefix) {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            if (!event.getLoggerName().startsWith(loggerPrefix)) {
                continue;
            }
            texts.add(event.getFormattedMessage());
            for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        }
        return texts;
    }

    List<ILoggingEvent> warnings(String loggerPrefix) {
        return events().stream().filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().startsWith(loggerPrefix))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(raisedFrom.get(i));
        }
    }
}
