package se.postvakt.stats;

/**
 * The statistics sources of one running Postvakt; an area whose feature is not installed is null and is reported
 * as not available rather than as zeros, so nobody reads "no warnings" into "not measured".
 */
public record StatsSources(StatsSource.Compose compose, StatsSource.Sender sender, StatsSource.Absences absences) {
    /** No area connected yet. */
    public static StatsSources none() {
        return new StatsSources(null, null, null);
    }
}
