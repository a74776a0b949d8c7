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
    SOURCE-ID: {title: ..., publisher: ..., url: https://..., published: 2025-02-17}
  parties:
    PARTY-ID: {name: ..., aliases: [...], people: {PERSON-ID: Full Name}}
  demands:
    DEMAND-ID: {name: ..., description: ..., raised_by: PARTY-ID, tags: [...], excludes: [DEMAND-ID]}
  stances:
    PARTY-ID:
      DEMAND-ID: oppose            # short form: support, oppose or neutral
      DEMAND-ID:                   # full form
        stance: support
        strength: red-line         # red-line, firm or soft (default firm)
        by: PERSON-ID              # who said it: one of the party's people
        quote: "the source's own words"
        source: SOURCE-ID
        as_of: 2025-02-17          # when it was said
        condition: [DEMAND-ID]     # supports only if these hold too
        note: the analyst's remark
      DEMAND-ID:                   # a history: dated entries, oldest first
        - {as_of: 2022-02-24, stance: support, strength: red-line, source: SOURCE-ID}
        - {as_of: 2025-02-16, stance: support, strength: soft, source: SOURCE-ID}
        - {as_of: 2025-03, stance: unknown}    # the stance ends

Ids are words of lower-case letters and digits, of any script, joined by
single hyphens: nato-membership, g7, россия, 中国, مصر. Scripts without case
are lower case as they are; an id is written composed (Unicode NFC), so that
two ids that look alike are one. A CSV table's names become ids this way,
accents dropped from Latin letters ("Côte d'Ivoire" is cote-d-ivoire). A party or demand
given as plain text ("us: United States") takes it as its name. A party with
no line for a demand has no recorded stance on it: unknown, never neutral.
Unknown keys are errors, so typos cannot pass silently. The stance at a date
(--as-of) is the latest entry on or before it; an undated stance holds always.

Check a file with: parley validate FILE`,
	}
}
