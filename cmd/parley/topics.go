package main

import "github.com/spf13/cobra"

// newScenarioTopic is "parley help scenario": the file format.
func newScenarioTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "scenario",
		Short: "The scenario file format",
		Long: `A scenario is a YAML file (JSON of the same shape works too):

  title: US–Russia talks in Riyadh on the war in Ukraine
  date: 2025-02-18                 # YYYY, YYYY-MM or YYYY-MM-DD
  description: one paragraph on what is being negotiated
  sources:
    SOURCE-ID:
      title: ...
      publisher: ...
      url: https://...
      published: 2025-02-17
      file: report.txt             # its full text, to check quotes against
  parties:
    PARTY-ID: {name: ..., aliases: [...], description: ...}
  people:
    PERSON-ID: {name: Full Name, role: ..., party: PARTY-ID, aliases: [...]}
  demands:
    DEMAND-ID: {name: ..., description: ..., raised_by: PARTY-ID, tags: [...],
                excludes: [DEMAND-ID], issue: ISSUE-ID}
  stances:
    PARTY-ID:
      DEMAND-ID: oppose            # short form: support, oppose or neutral
      DEMAND-ID:                   # full form
        stance: support
        strength: red-line         # red-line, firm or soft (default firm)
        by: PERSON-ID              # whose words the quote is
        quote: "the source's own words"
        source: SOURCE-ID
        as_of: 2025-02-17          # when it was said
        condition: [DEMAND-ID]     # supports only if these hold too
        note: the analyst's remark
      DEMAND-ID:                   # the source's narration, not anyone's words
        stance: support
        about: [PERSON-ID]         # whom the narration concerns
        quote: "Putin demanded that ..."
        source: SOURCE-ID
      DEMAND-ID:                   # a history: dated entries, oldest first
        - {as_of: 2022-02-24, stance: support, strength: red-line, source: SOURCE-ID}
        - {as_of: 2025-02-16, stance: support, strength: soft, source: SOURCE-ID}
        - {as_of: 2025-03, stance: unknown}    # the stance ends

Ids are words of lower-case letters and digits, of any script, joined by
single hyphens: nato-membership, g7, россия, 中国, مصر. Scripts without case
are lower case as they are; an id is written composed (Unicode NFC), so that
two ids that look alike are one. A CSV table's names become ids this way,
accents dropped from Latin letters ("Côte d'Ivoire" is cote-d-ivoire). A
party, person or demand given as plain text ("us: United States") takes it as
its name. A party with no line for a demand has no recorded stance on it:
unknown, never neutral.
Unknown keys are errors, so typos cannot pass silently. The stance at a date
(--as-of) is the latest entry on or before it; an undated stance holds always.

People. Everyone whose words a source gives is listed under people:, with the
party they speak for (or none: a mediator, an observer). A person's id, name or
alias works wherever a party is asked for and stands for their party (parley
party zelenskyy is Ukraine, and says so). Files may still list people under
their party instead, as "people: {PERSON-ID: Full Name}" inside the party; they
load as before, and parley export --format yaml writes them in the people:
section (people of two parties sharing an id stay under their parties).

Whose words. An entry's quote is either said — a speaker's own words, quoted or
in reported speech ("Zelenskyy said that ...") — or reported: the source's own
narration ("Putin demanded that ..."). by: names who said the words; that
person may speak for another party than the stance's (Zelenskyy's account of a
US proposal is evidence of the US position, in his words). The key evidence:
says which it is:
  evidence: said       the words are the speaker's (by:), or, without by:, the
                       party's own through speakers the source does not name
  evidence: reported   the source's narration; by: is then an error, and
                       about: [PERSON-ID, ...] names whom it concerns
Without evidence:, an entry with by: is said, and an entry without by: is
reported: nobody is credited with words the file does not say they spoke.
inferred: true marks a position the source implies but nobody states, the
analyst's reading. Output shows the difference: Vladimir Putin: "..." for said
words, report about Vladimir Putin: "..." for narration, and (inferred).

Source text. A source may carry its full text, inline (text: ...) or in a file
(file: PATH, relative to the scenario file's folder; for a scenario read from
standard input, to the current folder; the embedded scenario's report is
embedded beside it). parley validate then checks that every quote citing the
source occurs in it word for word, comparing with only these made alike: runs
of white space, typographic quotation marks and apostrophes (“ ” ‘ ’ « »), and
dashes (– — −). A text that cannot be read is a warning, and quotes go
unchecked.

Issues. Demands that are one question in several parts — talks, restored
relations and a summit on one track — may share an issue: ISSUE-ID (a name of
its own, not a demand's id). A demand without issue: is an issue of its own.
The measures between parties (distance, kappa, blocs) count an issue once: a
pair's agreement on it is the mean over its demands both have a stance on, so
a track split into three demands does not weigh three times. Answers about
single demands stay per demand.

Check a file with: parley validate FILE. Besides mistakes, it warns of a stance
citing no source, a quote not found in its source's text, an entry dated after
its source was published, a neutral stance marked inferred or whose note says
the source gives no position (neutral is a position; leave the stance out
instead), a party without stances; --strict makes warnings errors. It hints,
without failing, at demands every party treats alike that share a tag and are
in different issues: they may be one issue counted twice.`,
	}
}
