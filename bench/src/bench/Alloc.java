package bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JFR recording of {@code jdk.ObjectAllocationInNewTLAB} (a TLAB's size, each time a thread takes a new one)
 * and {@code jdk.ObjectAllocationOutsideTLAB} (each allocation too large for a TLAB): their sum is what the JVM
 * allocated, TLAB by TLAB, whoever asked. The events' stacks, weighted by those sizes, show where it went.
 *
 * <pre>java -cp bench/.work/classes bench.Alloc FILE.jfr [CALLS]</pre>
 */
final class Alloc {

    record Totals(long bytes, Map<String, Long> byFrame, Map<String, Long> byOurFrame) {

        /** The top sites, per call: the allocating method, and the nearest frame of the service's own code. */
        String sites(long calls, int n) {
            StringBuilder sb = new StringBuilder();
            sb.append("Allocating method (top frame), KB per call:\n");
            top(sb, byFrame, calls, n);
            sb.append("\nNearest com.byomlab frame, KB per call:\n");
            top(sb, byOurFrame, calls, n);
            return sb.toString();
        }

        private void top(StringBuilder sb, Map<String, Long> sites, long calls, int n) {
            sites.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "%8.2f  %4.1f %%  %s%n",
                            e.getValue() / 1024.0 / Math.max(1, calls), 100.0 * e.getValue() / Math.max(1, bytes),
                            e.getKey())));
        }
    }

    static Totals read(Path jfr) throws IOException {
        long total = 0;
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Long> byOurs = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            long size;
            if (type.equals("jdk.ObjectAllocationInNewTLAB")) {
                size = e.getLong("tlabSize");
            } else if (type.equals("jdk.ObjectAllocationOutsideTLAB")) {
                size = e.getLong("allocationSize");
            } else {
                continue;
            }
            total += size;
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            byFrame.merge(frames.isEmpty() ? "?" : name(frames.get(0)), size, Long::sum);
            String ours = "(none: " + (frames.isEmpty() ? "?" : name(frames.get(frames.size() - 1))) + ")";
            for (RecordedFrame f : frames) {
                if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("com.byomlab.")) {
                    ours = name(f);
                    break;
                }
            }
            byOurs.merge(ours, size, Long::sum);
        }
        return new Totals(total, byFrame, byOurs);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    public static void main(String[] args) throws IOException {
        Totals t = read(Path.of(args[0]));
        long calls = args.length > 1 ? Long.parseLong(args[1]) : 1;
        System.out.printf(Locale.ROOT, "%.1f KB per call (%d calls)%n%n%s", t.bytes() / 1024.0 / calls, calls,
                t.sites(calls, 30));
    }
}
