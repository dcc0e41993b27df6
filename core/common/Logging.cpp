#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcDb, "insighta.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCsv, "insighta.csv", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "insighta.import", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "insighta.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "insighta.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "insighta.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSearch, "insighta.search", QtInfoMsg)
Q_LOGGING_CATEGORY(lcInterviews, "insighta.interviews", QtInfoMsg)
