package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ManualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class RateLimitedLogTest {
    private final RecordingLogger logger = new RecordingLogger();
    private final ManualClock clock = new ManualClock();
    private final RateLimitedLog log = new RateLimitedLog(logger, clock);

    @Test
    void warnsOncePerIntervalAndReportsWhatItSuppressed() {
        log.warn("bad datagram", new IOException("one"));
        log.warn("bad datagram", new IOException("two"));
        log.warn("bad datagram", new IOException("three"));
        assertThat(logger.lines).hasSize(1);

        clock.advance(RateLimitedLog.INTERVAL);
        log.warn("bad datagram", new IOException("four"));

        assertThat(logger.lines).hasSize(2);
        assertThat(logger.lines.get(0)).contains("one").doesNotContain("suppressed");
        assertThat(logger.lines.get(1)).contains("four").contains("2 similar messages suppressed");
    }

    private static final class RecordingLogger extends LegacyAbstractLogger {
        final List<String> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
