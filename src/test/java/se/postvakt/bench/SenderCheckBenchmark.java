package se.postvakt.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import se.postvakt.sender.SenderCheck;
import se.postvakt.sender.SenderCorpus;
import se.postvakt.sender.SenderInput;
import se.postvakt.sender.SenderRules;

/**
 * Sender checks per second in-process, over the 244 senders of the dev corpus in turn (parsing of the address,
 * the display name and the Authentication-Results headers included, since every request pays for it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SenderCheckBenchmark {
    private SenderCheck check;
    private List<SenderCorpus.Sample> samples;
    private int next;

    @Setup
    public void setup() {
        SenderRules rules = SenderCorpus.rules();
        check = new SenderCheck(() -> rules);
        samples = SenderCorpus.samples();
    }

    @Benchmark
    public SenderCheck.Result checkOneSender() {
        SenderCorpus.Sample s = samples.get(next++ % samples.size());
        return check.check(SenderInput.of(s.address(), s.name(), s.replyTo(), s.headers()), false);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SenderCheckBenchmark.class.getSimpleName()).forks(1)
                .warmupIterations(2).measurementIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2)).build()).run();
    }
}
