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
 * <pre>java -cp bench/.work/alloc-classes bench.Alloc FILE.jfr [CALLS] [FRAME [DEPTH]]</pre>
 *
 * With a {@code FRAME} (e.g. {@code com.byomlab.usage.UsageRepository.insert}), the stacks of what was allocated
 * under that frame instead, their top {@code DEPTH} frames (default 12), heaviest first: where to look next.
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

    /** KB per call of each distinct top-{@code depth} stack of the allocations with {@code frame} on their stack. */
    static String under(Path jfr, long calls, String frame, int depth) throws IOException {
        Map<String, Long> stacks = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            long size = type.equals("jdk.ObjectAllocationInNewTLAB") ? e.getLong("tlabSize")
                    : type.equals("jdk.ObjectAllocationOutsideTLAB") ? e.getLong("allocationSize") : -1;
            if (size < 0 || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.stream().noneMatch(f -> name(f).equals(frame))) {
                continue;
            }
            total += size;
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < Math.min(depth, frames.size()); i++) {
                key.append("\n      ").append(name(frames.get(i))).append(':').append(frames.get(i).getLineNumber());
                if (name(frames.get(i)).equals(frame)) {
                    break;
                }
            }
            stacks.merge(key.toString(), size, Long::sum);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.2f KB per call under %s%n",
                total / 1024.0 / calls, frame));
        stacks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(en -> sb.append(String.format(Locale.ROOT, "%8.2f%s%n", en.getValue() / 1024.0 / calls,
                        en.getKey())));
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        long calls = args.length > 1 ? Long.parseLong(args[1]) : 1;
        if (args.length > 2) {
            System.out.print(under(Path.of(args[0]), calls, args[2], args.length > 3 ? Integer.parseInt(args[3]) : 12));
            return;
        }
        Totals t = read(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "%.1f KB per call (%d calls)%n%n%s", t.bytes() / 1024.0 / calls, calls,
                t.sites(calls, 30));
    }
}
