package se.postvakt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import se.postvakt.compose.ComposeChecker;
import se.postvakt.compose.ComposeRequest;
import se.postvakt.compose.GroupSizeLookup;
import se.postvakt.compose.PersonnummerScanner;
import se.postvakt.compose.VisibleText;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyRepository;
import se.postvakt.policy.PolicySchema;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.Json;

/**
 * The compose detectors on the shared corpora, with a naive {@code java.util.regex} + Luhn scanner as the baseline in
 * the same run. {@code *Large} benchmarks scan all five large HTML messages per operation (MB/s = ops/s × the size
 * printed at the end); {@code *Typical} ones check all 460 dev messages per operation (checks/s = ops/s × 460).
 * Run with {@code main} (prints MB/s and checks/s) or {@code org.openjdk.jmh.Main ComposeBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ComposeBench {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    List<ComposeRequest> large;
    List<ComposeRequest> typical;
    String millionDigits;
    String nestedDivs;
    Database db;
    ComposeChecker checker;

    @Setup(Level.Trial)
    public void load() throws IOException {
        large = load("/corpus/pnr-large-dev.jsonl");
        typical = load("/corpus/pnr-dev.jsonl");
        millionDigits = "1".repeat(1_000_000);
        nestedDivs = "<div>".repeat(100_000) + "x" + "</div>".repeat(100_000);
        db = Database.open("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
        PolicyStore policy = new PolicyStore(new PolicyRepository(new Sql(db.dataSource())),
                PolicySchema.standard(List.of("mjolby.se")), Clock.systemUTC(), Duration.ofSeconds(2));
        checker = new ComposeChecker(policy, GroupSizeLookup.UNKNOWN, null, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    static List<ComposeRequest> load(String resource) throws IOException {
        List<ComposeRequest> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ComposeBench.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = Json.MAPPER.readTree(line);
                boolean html = "html".equals(n.get("format").asText());
                out.add(new ComposeRequest(n.get("subject").asText(), n.get("body").asText(),
                        html ? ComposeRequest.BodyFormat.HTML : ComposeRequest.BodyFormat.TEXT, null,
                        List.of(new ComposeRequest.Recipient("kollega@mjolby.se", null, ComposeRequest.RecipientType.USER)),
                        null, null, null, null));
            }
        }
        return out;
    }

    static long chars(Collection<ComposeRequest> list) {
        long n = 0;
        for (ComposeRequest r : list) {
            n += r.body().length() + r.subject().length();
        }
        return n;
    }

    /** Personnummer detector alone (visible text + scan) over the five large HTML messages. */
    @Benchmark
    public int personnummerLarge() {
        int found = 0;
        for (ComposeRequest r : large) {
            found += PersonnummerScanner.scan(VisibleText.html(r.body()), TODAY).size();
        }
        return found;
    }

    /** Every compose rule (the full check without HTTP) over the five large HTML messages. */
    @Benchmark
    public int allRulesLarge() {
        int found = 0;
        for (ComposeRequest r : large) {
            found += checker.check(r, "anna@mjolby.se").findings().size();
        }
        return found;
    }

    /** Baseline: a naive regex + Luhn scanner over the same raw HTML. */
    @Benchmark
    public int naiveRegexLarge() {
        int found = 0;
        for (ComposeRequest r : large) {
            found += NaiveScanner.count(r.body());
        }
        return found;
    }

    /** Every compose rule over the 460 typical messages. */
    @Benchmark
    public int allRulesTypical() {
        int found = 0;
        for (ComposeRequest r : typical) {
            found += checker.check(r, "anna@mjolby.se").findings().size();
        }
        return found;
    }

    /** Baseline: the naive scanner over the 460 typical messages (subject and body). */
    @Benchmark
    public int naiveRegexTypical() {
        int found = 0;
        for (ComposeRequest r : typical) {
            found += NaiveScanner.count(r.subject()) + NaiveScanner.count(r.body());
        }
        return found;
    }

    /** A million digits in a row. */
    @Benchmark
    public int millionDigits() {
        return PersonnummerScanner.scan(VisibleText.plain(millionDigits), TODAY).size();
    }

    /** 100,000 nested divs. */
    @Benchmark
    public int nestedDivs() {
        return PersonnummerScanner.scan(VisibleText.html(nestedDivs), TODAY).size();
    }

    private static void cpu() throws IOException {
        ComposeBench b = new ComposeBench();
        b.load();
        try {
            double largeMb = chars(b.large) / 1e6;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.Map<String, java.util.function.IntSupplier> all = new java.util.LinkedHashMap<>();
            all.put("personnummerLarge", b::personnummerLarge);
            all.put("allRulesLarge", b::allRulesLarge);
            all.put("naiveRegexLarge", b::naiveRegexLarge);
            all.put("allRulesTypical", b::allRulesTypical);
            all.put("naiveRegexTypical", b::naiveRegexTypical);
            all.put("millionDigits", b::millionDigits);
            all.put("nestedDivs", b::nestedDivs);
            for (var e : all.entrySet()) {
                int sink = 0;
                for (int phase = 0; phase < 2; phase++) {
                    long wallEnd = System.nanoTime() + 3_000_000_000L;
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    int ops = 0;
                    while (System.nanoTime() < wallEnd) {
                        sink += e.getValue().getAsInt();
                        ops++;
                    }
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    if (phase == 1) {
                        double perOp = cpuSeconds / ops;
                        String name = e.getKey();
                        if (name.endsWith("Large")) {
                            System.out.printf("%-20s %8.1f MB per CPU-second (%.1f ms CPU for all five messages)%n", name,
                                    largeMb / perOp, perOp * 1000);
                        } else if (name.endsWith("Typical")) {
                            System.out.printf("%-20s %8.0f checks per CPU-second%n", name, b.typical.size() / perOp);
                        } else {
                            System.out.printf("%-20s %8.2f ms CPU per run%n", name, perOp * 1000);
                        }
                    }
                }
                if (sink == 42) {
                    System.out.print("");
                }
            }
        } finally {
            b.close();
        }
    }

    /** What one would write first: a regex for the forms, then Luhn and a date check; no HTML, no context. */
    static final class NaiveScanner {
        static final Pattern FORM = Pattern.compile("(?<!\\d)(?:(\\d{2}))?(\\d{6})[-+\u2013 ]?(\\d{4})(?!\\d)");

        static int count(String s) {
            int n = 0;
            Matcher m = FORM.matcher(s);
            while (m.find()) {
                String d = m.group(2) + m.group(3);
                if (luhn(d) && date(d)) {
                    n++;
                }
            }
            return n;
        }

        static boolean luhn(String d) {
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                int v = (d.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
                sum += v > 9 ? v - 9 : v;
            }
            return sum % 10 == 0;
        }

        static boolean date(String d) {
            int month = Integer.parseInt(d.substring(2, 4));
            int day = Integer.parseInt(d.substring(4, 6)) % 60;
            return month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }
    }

    /**
     * Runs the benchmarks (JMH options on the command line override the defaults) and prints MB/s and checks/s. With
     * {@code --cpu} it instead times each benchmark by the thread's CPU time, which a machine shared with other work
     * disturbs far less than wall-clock throughput.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--cpu")) {
            cpu();
            return;
        }
        Options cli = new CommandLineOptions(args.length == 0 ? new String[] {ComposeBench.class.getSimpleName()} : args);
        Options opts = new OptionsBuilder().parent(cli).build();
        Collection<RunResult> results = new Runner(opts).run();
        ComposeBench sizes = new ComposeBench();
        sizes.large = load("/corpus/pnr-large-dev.jsonl");
        sizes.typical = load("/corpus/pnr-dev.jsonl");
        double largeMb = chars(sizes.large) / 1e6;
        System.out.printf("%nlarge corpus: %d messages, %.2f M chars; typical corpus: %d messages%n", sizes.large.size(),
                largeMb, sizes.typical.size());
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double ops = r.getPrimaryResult().getScore();
            if (name.endsWith("Large")) {
                System.out.printf("%-20s %8.1f MB/s (%.1f ms for all five messages)%n", name, ops * largeMb, 1000 / ops);
            } else if (name.endsWith("Typical")) {
                System.out.printf("%-20s %8.0f checks/s%n", name, ops * sizes.typical.size());
            } else {
                System.out.printf("%-20s %8.2f ms per run%n", name, 1000 / ops);
            }
        }
    }
}
