#pragma once

#include "core/importer/ImportTypes.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace insighta {

class ImportPreviewLoader;
class ImportPreviewModel;

// The preview of one dropped file: the first records as the import would read them, the header
// mapping as a combo per column (with "ignore"), encoding and delimiter overrides, problems
// tinted per cell with the reason as tooltip, and the two actions. Every change re-reads the
// sample on a worker thread, so what is shown is what the import will do.
class ImportPreviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImportPreviewPanel(QWidget *parent = nullptr);

    // Shows a file with detected settings. moreWaiting = further dropped files behind this one.
    void showFile(const QString &path, int moreWaiting);
    void clear();
    // More files were dropped while this one is shown.
    void setMoreWaiting(int moreWaiting);
    QString filePath() const { return m_path; }
    bool isLoading() const;
    // What the user chose (Auto/0/none where untouched), for the import request.
    CsvOverrides overrides() const { return m_overrides; }
    ImportPreviewModel *model() const { return m_model; }
    // Import needs a ready workspace; validation does not.
    void setDatabaseAvailable(bool available, const QString &whyNot = {});
    // An earlier import of the shown file stopped at `line`: offer Resume beside Import (which
    // then starts over). Ignored when another file is shown by now.
    void offerResume(const QString &path, qint64 line, qint64 rowsLoaded);
    bool resumeOffered() const { return m_resumeLine > 0; }

signals:
    void validateRequested(const QString &path, const insighta::CsvOverrides &overrides);
    void importRequested(const QString &path, const insighta::CsvOverrides &overrides);
    // This file with its overrides, the waiting ones with detected settings.
    void importAllRequested(const QString &path, const insighta::CsvOverrides &overrides);
    void discardRequested();
    // Continue the earlier, unfinished import of this file from where it stopped.
    void resumeRequested(const QString &path, const insighta::CsvOverrides &overrides);
    void previewLoaded();
    void previewFailed(const QString &error);

private:
    void buildTitle();
    QHBoxLayout *buildOptions();
    void buildSample(); // the mapping row and the sample table under it
    QHBoxLayout *buildButtons();
    void connectActions();
    void reload();
    void applyPreview();
    void rebuildMapping();
    void clearMapping();
    void syncColumnWidths();
    void updateActions();
    void encodingChosen();
    void delimiterChosen();
    void mappingChosen();

    QString m_path;
    int m_moreWaiting = 0;
    CsvOverrides m_overrides;
    bool m_databaseAvailable = false;
    QString m_databaseWhyNot;
    QString m_error;
    qint64 m_resumeLine = 0; // > 0: an unfinished import of this file can be resumed

    ImportPreviewLoader *m_loader = nullptr;
    ImportPreviewModel *m_model = nullptr;
    QLabel *m_title = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_delimiter = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_mapping = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_validate = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_importAll = nullptr;
    QPushButton *m_discard = nullptr;
    QLabel *m_resumeNote = nullptr;
    QPushButton *m_resume = nullptr;
};

} // namespace insighta
