#pragma once

#include "core/db/ProfileSearch.h"

#include <QWidget>

class QChartView;

namespace insighta {

// The three charts of the current filter: an age histogram, the gender split and the top
// countries. setData() replaces all three; clear() empties them while a search runs.
class SearchCharts : public QWidget
{
    Q_OBJECT
public:
    explicit SearchCharts(QWidget *parent = nullptr);
    void setData(const SearchAggregates &aggregates);
    void clear();
    const SearchAggregates &data() const { return m_data; }

private:
    QChartView *m_ages;
    QChartView *m_genders;
    QChartView *m_countries;
    SearchAggregates m_data;
};

} // namespace insighta
