#pragma once

#include "core/db/ProfileSearch.h"

#include <QWidget>

class QChartView;
class QLabel;

namespace insighta {

// The three charts of the current filter: an age histogram, the gender split and the top
// countries. setData() replaces all three; clear() empties them while a search runs. With no
// profile to chart (nothing yet, or nothing matches) a sentence stands in for empty axes.
class SearchCharts : public QWidget
{
    Q_OBJECT
public:
    explicit SearchCharts(QWidget *parent = nullptr);
    void setData(const SearchAggregates &aggregates);
    // `filtered`: the search has conditions, so an empty result means nothing matches them.
    void clear(bool filtered = false);
    const SearchAggregates &data() const { return m_data; }
    // The sentence shown instead of the charts, empty while they show data.
    QString emptyText() const;

private:
    QChartView *m_ages;
    QChartView *m_genders;
    QChartView *m_countries;
    QLabel *m_empty;
    bool m_filtered = false;
    SearchAggregates m_data;

    void showEmpty(const QString &text);
};

} // namespace insighta
