#pragma once

#include "core/jobs/JobTypes.h"

#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace insighta {

// One line of the Jobs page's detail pane, in words a person reads: "Rows", "300,000 read ·
// 294,715 loaded · 5,285 skipped". `folder` is set only for a file the pane may offer to open.
struct JobFact
{
    QString label;
    QString text; // plain text: it comes from the database
    QString folder; // when set, the fact is a link that opens this folder

    bool operator==(const JobFact &) const = default;
};

// Where the pane may point a person. A job's payload and result come from a database that other
// people write to, so a rejects file is offered only when this machine wrote it, inside the one
// folder this program keeps rejects in.
struct JobFactsContext
{
    QString thisHost;
    QString rejectsFolder;
    QLocale locale;
};

// The readable facts of a job: its state and timing for every kind, and for an import the file,
// the row counts with the skip reasons, the resume line and the rejects file. Pure, so that a
// table of cases can test it.
QList<JobFact> jobFacts(const jobs::JobRecord &job, const JobFactsContext &context);

// The raw payload, result and checkpoint, indented, for the "Details" disclosure and its Copy.
QString jobDetailsJson(const jobs::JobRecord &job);

} // namespace insighta
