<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionsModel</name>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnonymitySettings</name>
    <message numerus="yes">
        <source>Remove the %n imported names?</source>
        <translation>
            <numerusform>Remove the %n imported name?</numerusform>
            <numerusform>Remove the %n imported names?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Clear %n names</source>
        <translation>
            <numerusform>&amp;Clear %n name</numerusform>
            <numerusform>&amp;Clear %n names</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentFilters</name>
    <message numerus="yes">
        <source>F&amp;ilters (%n)</source>
        <translation>
            <numerusform>F&amp;ilters (%n)</numerusform>
            <numerusform>F&amp;ilters (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsCount</name>
    <message numerus="yes">
        <source>Comments of pairs where fewer than %n people commented are hidden (the comment threshold in Settings), so no one can be recognised.</source>
        <translation>
            <numerusform>Comments of pairs where fewer than %n person commented are hidden (the comment threshold in Settings), so no one can be recognised.</numerusform>
            <numerusform>Comments of pairs where fewer than %n people commented are hidden (the comment threshold in Settings), so no one can be recognised.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n comments shown.</source>
        <translation>
            <numerusform>%n comment shown.</numerusform>
            <numerusform>%n comments shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message numerus="yes">
        <source>%n corrections; learning starts at %1.</source>
        <translation>
            <numerusform>%n correction; learning starts at %1.</numerusform>
            <numerusform>%n corrections; learning starts at %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corrections (%1 needed to learn).</source>
        <translation>
            <numerusform>%n correction (%1 needed to learn).</numerusform>
            <numerusform>%n corrections (%1 needed to learn).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DaysSpinBox</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteLike</name>
    <message numerus="yes">
        <source>Delete for good the %n files in this quarantine that were not stored because: %1? If any of them holds someone&apos;s answers, they are lost.</source>
        <translation>
            <numerusform>Delete for good the %n file in this quarantine that was not stored because: %1? If it holds someone&apos;s answers, they are lost.</numerusform>
            <numerusform>Delete for good the %n files in this quarantine that were not stored because: %1? If any of them holds someone&apos;s answers, they are lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n quarantined files.</source>
        <translation>
            <numerusform>Deleted %n quarantined file.</numerusform>
            <numerusform>Deleted %n quarantined files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n like them are left.</source>
        <translation>
            <numerusform>Stopped: %n like it is left.</numerusform>
            <numerusform>Stopped: %n like them are left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message numerus="yes">
        <source>%n lines of the suggested mapping to check.</source>
        <translation>
            <numerusform>%n line of the suggested mapping to check.</numerusform>
            <numerusform>%n lines of the suggested mapping to check.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message numerus="yes">
        <source>%1 rates %2: fewer than %n people answered, so nothing is shown</source>
        <translation>
            <numerusform>%1 rates %2: fewer than %n person answered, so nothing is shown</numerusform>
            <numerusform>%1 rates %2: fewer than %n people answered, so nothing is shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxBox</name>
    <message numerus="yes">
        <source>Shared folder %1: %n answers waiting in the inbox.</source>
        <translation>
            <numerusform>Shared folder %1: %n answer waiting in the inbox.</numerusform>
            <numerusform>Shared folder %1: %n answers waiting in the inbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last ingest %1: %n files, %2 stored, %3 quarantined.</source>
        <translation>
            <numerusform>Last ingest %1: %n file, %2 stored, %3 quarantined.</numerusform>
            <numerusform>Last ingest %1: %n files, %2 stored, %3 quarantined.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quarantine: %n files could not be stored</source>
        <translation>
            <numerusform>Quarantine: %n file could not be stored</numerusform>
            <numerusform>Quarantine: %n files could not be stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the first %n are listed)</source>
        <translation>
            <numerusform>(the first is listed)</numerusform>
            <numerusform>(the first %n are listed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IngestWords</name>
    <message numerus="yes">
        <source>%n new answers</source>
        <translation>
            <numerusform>%n new answer</numerusform>
            <numerusform>%n new answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n replaced an earlier answer</source>
        <translation>
            <numerusform>%n replaced an earlier answer</numerusform>
            <numerusform>%n replaced earlier answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already taken</source>
        <translation>
            <numerusform>%n already taken</numerusform>
            <numerusform>%n already taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older than a stored answer</source>
        <translation>
            <numerusform>%n older than a stored answer</numerusform>
            <numerusform>%n older than a stored answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too late (their wave had closed)</source>
        <translation>
            <numerusform>%n too late (their wave had closed)</numerusform>
            <numerusform>%n too late (their wave had closed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quarantined</source>
        <translation>
            <numerusform>%n quarantined</numerusform>
            <numerusform>%n quarantined</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n files:</source>
        <translation>
            <numerusform>Took %n file:</numerusform>
            <numerusform>Took %n files:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answers stored for wave %1 repeat, word for word, an answer stored before from the same department: one person may have sent them one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount before closing the wave.</source>
        <translation>
            <numerusform>%n answer stored for wave %1 repeats, word for word, an answer stored before from the same department: one person may have sent such answers one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount before closing the wave.</numerusform>
            <numerusform>%n answers stored for wave %1 repeat, word for word, an answer stored before from the same department: one person may have sent them one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount before closing the wave.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message numerus="yes">
        <source>%n problems to fix before importing.</source>
        <translation>
            <numerusform>%n problem to fix before importing.</numerusform>
            <numerusform>%n problems to fix before importing.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems in the first %n responses.</source>
        <translation>
            <numerusform>No problems in the first response.</numerusform>
            <numerusform>No problems in the first %n responses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lines of the suggestion to check (yellow).</source>
        <translation>
            <numerusform>%n line of the suggestion to check (yellow).</numerusform>
            <numerusform>%n lines of the suggestion to check (yellow).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message numerus="yes">
        <source>%1 → %2: fewer than %n people answered, so nothing is shown.</source>
        <translation>
            <numerusform>%1 → %2: fewer than %n person answered, so nothing is shown.</numerusform>
            <numerusform>%1 → %2: fewer than %n people answered, so nothing is shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fewer than %n people</source>
        <translation>
            <numerusform>fewer than %n person</numerusform>
            <numerusform>fewer than %n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverdueActions</name>
    <message numerus="yes">
        <source>%n actions overdue — click one to open it</source>
        <translation>
            <numerusform>%n action overdue — click it to open it</numerusform>
            <numerusform>%n actions overdue — click one to open it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more in Actions</source>
        <translation>
            <numerusform>and one more in Actions</numerusform>
            <numerusform>and %n more in Actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message numerus="yes">
        <source>%1 of %n people answered (%2 %).</source>
        <translation>
            <numerusform>%1 of %n person answered (%2 %).</numerusform>
            <numerusform>%1 of %n people answered (%2 %).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pairs hidden</source>
        <translation>
            <numerusform>%n pair hidden</numerusform>
            <numerusform>%n pairs hidden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(fewer than %n answers, or none).</source>
        <translation>
            <numerusform>(fewer than %n answer, or none).</numerusform>
            <numerusform>(fewer than %n answers, or none).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n departments have no headcount, so their participation rate cannot be shown: enter the headcounts in Settings, under Departments and headcounts.</source>
        <translation>
            <numerusform>%n department has no headcount, so its participation rate cannot be shown: enter the headcount in Settings, under Departments and headcounts.</numerusform>
            <numerusform>%n departments have no headcount, so their participation rate cannot be shown: enter the headcounts in Settings, under Departments and headcounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n departments have a headcount of 0, so their participation rate cannot be shown: correct it in Settings, under Departments and headcounts.</source>
        <translation>
            <numerusform>%n department has a headcount of 0, so its participation rate cannot be shown: correct it in Settings, under Departments and headcounts.</numerusform>
            <numerusform>%n departments have a headcount of 0, so their participation rate cannot be shown: correct it in Settings, under Departments and headcounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No pair can be assessed yet: each has fewer than %n answers.</source>
        <translation>
            <numerusform>No pair can be assessed yet: each has fewer than %n answer.</numerusform>
            <numerusform>No pair can be assessed yet: each has fewer than %n answers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PairActions</name>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PairPage</name>
    <message numerus="yes">
        <source>Fewer than %n people answered, so no scores and no comments are shown.</source>
        <translation>
            <numerusform>Fewer than %n person answered, so no scores and no comments are shown.</numerusform>
            <numerusform>Fewer than %n people answered, so no scores and no comments are shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not shown: one of the two directions has fewer than %n answers.</source>
        <translation>
            <numerusform>Not shown: one of the two directions has fewer than %n answer.</numerusform>
            <numerusform>Not shown: one of the two directions has fewer than %n answers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show all %n in Comments</source>
        <translation>
            <numerusform>Show it in Comments</numerusform>
            <numerusform>Show all %n in Comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %1 most negative of %n comments.</source>
        <translation>
            <numerusform>The %1 most negative of %n comment.</numerusform>
            <numerusform>The %1 most negative of %n comments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n comments, most negative first.</source>
        <translation>
            <numerusform>%n comment.</numerusform>
            <numerusform>%n comments, most negative first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more said nothing (such as “n⁠/⁠a”).</source>
        <translation>
            <numerusform>%n more said nothing (such as “n⁠/⁠a”).</numerusform>
            <numerusform>%n more said nothing (such as “n⁠/⁠a”).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comments are hidden: fewer than %n people in this group commented.</source>
        <translation>
            <numerusform>Comments are hidden: fewer than %n person in this group commented.</numerusform>
            <numerusform>Comments are hidden: fewer than %n people in this group commented.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message numerus="yes">
        <source>This is the first wave published from this workspace: choose a passphrase (at least %n characters). It protects the key that opens the answers; keep it safe, without it sealed answers cannot be read.</source>
        <translation>
            <numerusform>This is the first wave published from this workspace: choose a passphrase (at least %n character). It protects the key that opens the answers; keep it safe, without it sealed answers cannot be read.</numerusform>
            <numerusform>This is the first wave published from this workspace: choose a passphrase (at least %n characters). It protects the key that opens the answers; keep it safe, without it sealed answers cannot be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgrammeBox</name>
    <message numerus="yes">
        <source>%1, %2 from %3, each wave open %n days.</source>
        <translation>
            <numerusform>%1, %2 from %3, each wave open %n day.</numerusform>
            <numerusform>%1, %2 from %3, each wave open %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgrammeDialog</name>
    <message numerus="yes">
        <source>At most %n days, so each wave closes before the next one opens.</source>
        <translation>
            <numerusform>At most %n day, so each wave closes before the next one opens.</numerusform>
            <numerusform>At most %n days, so each wave closes before the next one opens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its rotating items come in %n groups; each wave asks the next group, so every item is asked within that many waves.</source>
        <translation>
            <numerusform>Its rotating items come in %n group; each wave asks it, so every item is asked in every wave.</numerusform>
            <numerusform>Its rotating items come in %n groups; each wave asks the next group, so every item is asked within that many waves.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgrammeRunner</name>
    <message numerus="yes">
        <source>%n waiting files were quarantined; see Quarantine above.</source>
        <translation>
            <numerusform>%n waiting file was quarantined; see Quarantine above.</numerusform>
            <numerusform>%n waiting files were quarantined; see Quarantine above.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answers stored for wave %1 repeat, word for word, an answer stored before from the same department: one person may have sent them one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount.</source>
        <translation>
            <numerusform>%n answer stored for wave %1 repeats, word for word, an answer stored before from the same department: one person may have sent such answers one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount.</numerusform>
            <numerusform>%n answers stored for wave %1 repeat, word for word, an answer stored before from the same department: one person may have sent them one ingest at a time (at the kiosk, or without tickets). Check the department&apos;s headcount.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishWords</name>
    <message numerus="yes">
        <source>After answering, respondents see what changed in wave %1 (organisation-wide figures and %n department pairs that met the anonymity threshold).</source>
        <extracomment>Where a wave is published.</extracomment>
        <translation>
            <numerusform>After answering, respondents see what changed in wave %1 (organisation-wide figures and %n department pair that met the anonymity threshold).</numerusform>
            <numerusform>After answering, respondents see what changed in wave %1 (organisation-wide figures and %n department pairs that met the anonymity threshold).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuarantineBadge</name>
    <message numerus="yes">
        <source>%n files in quarantine</source>
        <translation>
            <numerusform>%n file in quarantine</numerusform>
            <numerusform>%n files in quarantine</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelationshipsPanel</name>
    <message numerus="yes">
        <source>The %n pairs with fewer than %5 people, or none, are not drawn: the heatmap lists every pair.</source>
        <translation>
            <numerusform>The %n pair with fewer than %5 people, or none, is not drawn: the heatmap lists every pair.</numerusform>
            <numerusform>The %n pairs with fewer than %5 people, or none, are not drawn: the heatmap lists every pair.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fewer than %n people, or none: hidden</source>
        <translation>
            <numerusform>fewer than %n person, or none: hidden</numerusform>
            <numerusform>fewer than %n people, or none: hidden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message numerus="yes">
        <source>%n names imported from a list.</source>
        <translation>
            <numerusform>%n name imported from a list.</numerusform>
            <numerusform>%n names imported from a list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaxonomyDialog</name>
    <message numerus="yes">
        <source>%n problems to fix before saving:</source>
        <translation>
            <numerusform>%n problem to fix before saving:</numerusform>
            <numerusform>%n problems to fix before saving:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• and %n more</source>
        <translation>
            <numerusform>• and one more</numerusform>
            <numerusform>• and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n themes, ready to save.</source>
        <translation>
            <numerusform>%n theme, ready to save.</numerusform>
            <numerusform>%n themes, ready to save.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message numerus="yes">
        <source>Wave %1: %n themes and topics.</source>
        <translation>
            <numerusform>Wave %1: %n theme or topic.</numerusform>
            <numerusform>Wave %1: %n themes and topics.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketBox</name>
    <message numerus="yes">
        <source>%n respondents wait for their ticket: their answers stay on their computers until it is signed. Ingest inbox… signs them, or tick the box below.</source>
        <translation>
            <numerusform>%n respondent waits for a ticket: their answers stay on their computer until it is signed. Ingest inbox… signs it, or tick the box below.</numerusform>
            <numerusform>%n respondents wait for their ticket: their answers stay on their computers until it is signed. Ingest inbox… signs them, or tick the box below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message numerus="yes">
        <source>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised (%n people unless changed in a workspace&apos;s Settings); comments are redacted before they are shown.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised (%n person unless changed in a workspace&apos;s Settings); comments are redacted before they are shown.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised (%n people unless changed in a workspace&apos;s Settings); comments are redacted before they are shown.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised: in this workspace, at least %n people (Settings › Anonymity); comments are redacted before they are shown.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised: in this workspace, at least %n person (Settings › Anonymity); comments are redacted before they are shown.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Scores are shown only for groups large enough that no one can be recognised: in this workspace, at least %n people (Settings › Anonymity); comments are redacted before they are shown.&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
</TS>
