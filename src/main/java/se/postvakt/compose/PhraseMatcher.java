package se.postvakt.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds any of a list of words and phrases in a text in one linear pass (Aho–Corasick over lower-cased characters).
 * A match must start at a word boundary; phrases of up to three letters (abbreviations such as {@code OSL},
 * {@code dnr}) must also end at one, longer ones may carry an inflection ({@code sekretessen}, {@code beslutet}).
 * Runs of whitespace in the text match one space in a phrase. Several word lists share one automaton (and so one
 * pass): list {@code i} is bit {@code 1 << i} of each hit's {@code lists} mask.
 */
final class PhraseMatcher {
    /** One phrase found: visible offsets, the phrase's index and the lists it is reported for. */
    record Hit(int start, int end, int phrase, int lists) {
    }

    private final String[] phrases;
    private final int[] listsOf;
    private final int[] rootNext = new int[65536];
    private char[][] labels = new char[16][];
    private int[][] targets = new int[16][];
    private int[] fail = new int[16];
    // The nearest node on the failure chain that ends a phrase (0 when none), so finding outputs skips the rest.
    private int[] outLink;
    /** Every character's class: 0 for one in no phrase, 1 for whitespace, then one per folded phrase character. */
    private final char[] classOf = new char[65536];
    private int classes;
    /** The full automaton as a table, {@code next[state * classes + class]}: one array read a character. */
    private int[] next;
    private int[] output = new int[16];
    private int[] depth = new int[16];
    private int nodes = 1;

    /** One matcher for several lists (at most 31); a phrase in two lists is reported for both. */
    PhraseMatcher(List<List<String>> lists) {
        java.util.Map<String, Integer> masks = new java.util.LinkedHashMap<>();
        for (int l = 0; l < lists.size(); l++) {
            for (String p : lists.get(l)) {
                String norm = normalise(p);
                if (!norm.isEmpty()) {
                    masks.merge(norm, 1 << l, (a, b) -> a | b);
                }
            }
        }
        this.phrases = masks.keySet().toArray(new String[0]);
        this.listsOf = masks.values().stream().mapToInt(Integer::intValue).toArray();
        Arrays.fill(output, -1);
        labels[0] = new char[0];
        targets[0] = new int[0];
        for (int i = 0; i < phrases.length; i++) {
            add(phrases[i], i);
        }
        build();
        table();
    }

    static String normalise(String p) {
        return p == null ? "" : p.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    boolean isEmpty() {
        return phrases.length == 0;
    }

    String phrase(int i) {
        return phrases[i];
    }

    private void add(String p, int index) {
        int node = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            int next = child(node, c);
            if (next < 0) {
                next = newNode(p, i + 1);
                labels[node] = Arrays.copyOf(labels[node], labels[node].length + 1);
                targets[node] = Arrays.copyOf(targets[node], targets[node].length + 1);
                labels[node][labels[node].length - 1] = c;
                targets[node][targets[node].length - 1] = next;
            }
            node = next;
        }
        output[node] = index;
    }

    private int newNode(String p, int d) {
        if (nodes == labels.length) {
            int cap = nodes * 2;
            labels = Arrays.copyOf(labels, cap);
            targets = Arrays.copyOf(targets, cap);
            fail = Arrays.copyOf(fail, cap);
            depth = Arrays.copyOf(depth, cap);
            output = Arrays.copyOf(output, cap);
            Arrays.fill(output, nodes, cap, -1);
        }
        labels[nodes] = new char[0];
        targets[nodes] = new int[0];
        depth[nodes] = d;
        return nodes++;
    }

    private int child(int node, char c) {
        char[] l = labels[node];
        for (int i = 0; i < l.length; i++) {
            if (l[i] == c) {
                return targets[node][i];
            }
        }
        return -1;
    }

    /** Breadth-first failure links; the root gets a full table so most characters cost one array read. */
    private void build() {
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < labels[0].length; i++) {
            int c = targets[0][i];
            fail[c] = 0;
            rootNext[labels[0][i]] = c;
            queue[tail++] = c;
        }
        while (head < tail) {
            int node = queue[head++];
            for (int i = 0; i < labels[node].length; i++) {
                char c = labels[node][i];
                int child = targets[node][i];
                int f = fail[node];
                while (f != 0 && child(f, c) < 0) {
                    f = fail[f];
                }
                int fc = f == 0 ? rootNext[c] : child(f, c);
                fail[child] = fc == child ? 0 : fc;
                queue[tail++] = child;
            }
        }
        outLink = new int[nodes];
        // breadth-first order: a node's failure target is shallower, so its link is already known
        for (int q = 0; q < tail; q++) {
            int node = queue[q];
            int f = fail[node];
            outLink[node] = output[f] >= 0 ? f : outLink[f];
        }
    }

    /** Folds every character once at build time, so that the scan needs no case or whitespace tests. */
    private void table() {
        char[] folded = new char[65536];
        char[] foldedClass = new char[65536];
        classes = 2;
        for (String p : phrases) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c != ' ' && foldedClass[c] == 0) {
                    foldedClass[c] = (char) classes++;
                    folded[foldedClass[c]] = c;
                }
            }
        }
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            if (ch < 128 ? ch <= ' ' : Character.isWhitespace(ch) || ch == '\u00a0') {
                classOf[c] = 1;
            } else {
                classOf[c] = foldedClass[ch < 128 ? (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) : Character.toLowerCase(ch)];
            }
        }
        folded[1] = ' ';
        next = new int[nodes * classes];
        for (int state = 0; state < nodes; state++) {
            for (int k = 1; k < classes; k++) {
                next[state * classes + k] = step(state, folded[k]);
            }
        }
    }

    private int step(int state, char c) {
        int s = state;
        while (s != 0) {
            int next = child(s, c);
            if (next >= 0) {
                return next;
            }
            s = fail[s];
        }
        return rootNext[c];
    }

    /**
     * Every phrase occurrence in the text, in order of their ends, at most {@code limitPerList} for each list (a
     * text full of one list's phrases does not hide another's). Where phrases end at the same place, each list gets
     * its longest one ({@code omfattas av sekretess}, not also {@code sekretess}).
     */
    List<Hit> find(char[] text, int length, int limitPerList) {
        List<Hit> hits = new ArrayList<>();
        if (phrases.length == 0 || limitPerList <= 0) {
            return hits;
        }
        int allLists = 0;
        for (int l : listsOf) {
            allLists |= l;
        }
        int[] perList = new int[Integer.SIZE];
        int full = 0;
        int state = 0;
        boolean prevSpace = false;
        final char[] cls = classOf;
        final int[] delta = next;
        final int width = classes;
        for (int i = 0; i < length && full != allLists; i++) {
            int k = cls[text[i]];
            boolean space = k == 1;
            if (space && prevSpace) {
                continue;
            }
            prevSpace = space;
            state = delta[state * width + k];
            if (state == 0) {
                continue;
            }
            int reported = full;
            for (int s = output[state] >= 0 ? state : outLink[state]; s != 0; s = outLink[s]) {
                int out = output[s];
                int lists = listsOf[out] & ~reported;
                if (lists == 0) {
                    continue;
                }
                int start = startOf(text, i, depth[s]);
                boolean startOk = start == 0 || !Character.isLetterOrDigit(text[start - 1]);
                boolean endOk = depth[s] > 3 || i + 1 >= length || !Character.isLetterOrDigit(text[i + 1]);
                if (startOk && endOk) {
                    hits.add(new Hit(start, i + 1, out, lists));
                    reported |= lists;
                    for (int b = lists; b != 0; b &= b - 1) {
                        int list = Integer.numberOfTrailingZeros(b);
                        if (++perList[list] == limitPerList) {
                            full |= 1 << list;
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** Start of a match of {@code len} phrase characters ending at {@code end}, where whitespace runs count once. */
    private static int startOf(char[] text, int end, int len) {
        int k = end;
        int remaining = len - 1;
        while (remaining > 0 && k > 0) {
            k--;
            if (Character.isWhitespace(text[k]) || text[k] == '\u00a0') {
                while (k > 0 && (Character.isWhitespace(text[k - 1]) || text[k - 1] == '\u00a0')) {
                    k--;
                }
            }
            remaining--;
        }
        return k;
    }
}
