"""Whole-advert checks: missing statements, the person specification, length, readability."""

from webapp.analysis import OWN, TITLE, advert_from_fields, analyse

FILLER = "You will plan work with the team and talk to people who use the service. " * 12


def rules(report):
    return {f.rule_id: f for f in report.findings}


def draft(wordlists, essential=(), title="Product manager", summary=FILLER, **facts):
    fields = [("job_title", "Job title", title, TITLE), ("job_summary", "Job summary", summary, OWN),
              ("essential", "Essential criteria", "\n".join(f"• {e}" for e in essential), OWN)]
    return analyse(advert_from_fields(fields, wordlists, facts=tuple(facts.items()), essential=tuple(essential)),
                   wordlists)


def test_missing_statements_are_named_and_facts_count(wordlists):
    found = rules(draft(wordlists))
    assert {"structure/missing-salary", "structure/missing-flexible-working",
            "structure/missing-reasonable-adjustments", "structure/missing-closing-date"} <= set(found)
    assert found["structure/missing-salary"].severity == "warning" and found["structure/missing-salary"].text == ""
    filled = rules(draft(wordlists, band="Band 7", closing_date="1 March 2027"))
    assert "structure/missing-salary" not in filled and "structure/missing-closing-date" not in filled


def test_a_sentence_is_not_an_advert(wordlists):
    assert not [f for f in analyse("We want an ambitious engineer.", wordlists).findings if f.category == "structure"]


def test_more_than_six_essential_criteria_is_a_warning_that_is_honest_about_the_hp_figure(wordlists):
    assert "structure/essential-criteria" not in rules(draft(wordlists, essential=[f"Skill {n}" for n in range(6)]))
    finding = rules(draft(wordlists, essential=[f"Skill {n}" for n in range(7)]))["structure/essential-criteria"]
    assert finding.severity == "warning" and "7 essential criteria" in finding.message
    assert "unpublished internal Hewlett-Packard report" in finding.message


def test_pasted_essential_criteria_are_counted_under_their_heading(wordlists):
    text = "Essential criteria\n" + "\n".join(f"• Skill {n}" for n in range(8)) + "\n"
    assert "structure/essential-criteria" in rules(analyse(text, wordlists))


def test_a_degree_is_flagged_only_as_a_requirement_without_equivalents(wordlists):
    def degree(text):
        return [f.text for f in analyse(text, wordlists).findings if f.rule_id == "structure/degree"]

    assert degree("You must have a degree in computer science.") == ["degree"]
    assert degree("You must have a degree in computer science or equivalent experience.") == []
    assert degree("Many of our team studied for a degree part time.") == []


def test_text_longer_than_an_nhs_jobs_box_is_a_warning(wordlists):
    found = rules(draft(wordlists, title="Senior " * 12 + "Product Manager"))
    assert "70" in found["readability/too-long-job_title"].message
    found = rules(draft(wordlists, summary="Plan the work. " * 120))
    assert "1,500" in found["readability/too-long-job_summary"].message


def test_reading_age_is_named_and_only_flagged_when_high(wordlists):
    plain = analyse("Job summary\n" + "You will plan the work. We help you learn. " * 20, wordlists)
    assert plain.readability.reading_age <= 11
    assert "readability/reading-age" not in rules(plain)
    dense = analyse("Job summary\n" + ("Organisational transformation necessitates comprehensive interdisciplinary "
                                       "collaboration, sophisticated prioritisation and institutional accountability. ") * 10,
                    wordlists)
    finding = rules(dense)["readability/reading-age"]
    assert dense.readability.reading_age > 14 and finding.severity == "warning"
    assert "Flesch–Kincaid" in finding.message and dense.readability.method.startswith("Flesch–Kincaid")
