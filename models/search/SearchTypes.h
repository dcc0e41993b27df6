#pragma once

#include "core/db/ProfileSearch.h"
#include "core/profiles/ProfileFilter.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace insighta {

// What the UI asks the search worker, by value: nothing in here refers to a connection.
struct SearchRequest
{
    enum class Kind { FirstPage, NextPage, Count, Aggregates };
    quint64 generation = 0; // the search this belongs to; replies of older searches are dropped
    Kind kind = Kind::FirstPage;
    ProfileFilter filter;
    std::optional<SearchCursor> after; // NextPage
    int limit = 100;
    // Read-your-writes: how many writes (imports) the window has seen commit. A standby answers
    // only once it has replayed the primary's position taken after the latest of them; until
    // then the primary answers.
    quint64 writeEpoch = 0;
};

// The worker's answer, by value.
struct SearchReply
{
    quint64 generation = 0;
    SearchRequest::Kind kind = SearchRequest::Kind::FirstPage;
    ProfilePage page; // FirstPage / NextPage
    qint64 count = -1; // Count
    SearchAggregates aggregates; // Aggregates
    QString error; // empty on success
    bool cancelled = false; // stopped on the server because a newer search started
    QString server; // the server that answered, "db2:5433 (standby)"; empty for SQLite
};

} // namespace insighta

Q_DECLARE_METATYPE(insighta::SearchRequest)
Q_DECLARE_METATYPE(insighta::SearchReply)
