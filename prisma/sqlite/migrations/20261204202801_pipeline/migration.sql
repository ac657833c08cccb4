-- AlterTable
ALTER TABLE "loan_facts" ADD COLUMN "price_pct" REAL;
ALTER TABLE "loan_facts" ADD COLUMN "purchase_price" DECIMAL;
ALTER TABLE "loan_facts" ADD COLUMN "wal_years" REAL;

-- CreateTable
CREATE TABLE "rulebooks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "comment" TEXT,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rulebooks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "run_files" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "output_key" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT,
    "content_type" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "run_files_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs" ("run_id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_pipeline_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "sales_team_id" INTEGER,
    "total_loans" INTEGER NOT NULL DEFAULT 0,
    "total_balance" REAL NOT NULL DEFAULT 0,
    "exceptions_count" INTEGER NOT NULL DEFAULT 0,
    "run_weekday" INTEGER,
    "run_weekday_name" TEXT,
    "pdate" TEXT,
    "last_phase" TEXT,
    "output_dir" TEXT,
    "started_at" DATETIME,
    "completed_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "irr_target" REAL,
    "folder" TEXT,
    "rulebook_version" INTEGER,
    "created_by_id" INTEGER,
    "trigger" TEXT NOT NULL DEFAULT 'api',
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "failed_phase" TEXT,
    "worker_id" TEXT,
    "heartbeat_at" DATETIME,
    "summary" JSONB,
    CONSTRAINT "pipeline_runs_sales_team_id_fkey" FOREIGN KEY ("sales_team_id") REFERENCES "sales_teams" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "pipeline_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_pipeline_runs" ("completed_at", "created_at", "exceptions_count", "id", "last_phase", "output_dir", "pdate", "run_id", "run_weekday", "run_weekday_name", "sales_team_id", "started_at", "status", "total_balance", "total_loans") SELECT "completed_at", "created_at", "exceptions_count", "id", "last_phase", "output_dir", "pdate", "run_id", "run_weekday", "run_weekday_name", "sales_team_id", "started_at", "status", "total_balance", "total_loans" FROM "pipeline_runs";
DROP TABLE "pipeline_runs";
ALTER TABLE "new_pipeline_runs" RENAME TO "pipeline_runs";
CREATE UNIQUE INDEX "ix_pipeline_runs_run_id" ON "pipeline_runs"("run_id");
CREATE INDEX "ix_pipeline_runs_status" ON "pipeline_runs"("status");
CREATE INDEX "ix_pipeline_runs_created_at" ON "pipeline_runs"("created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ix_rulebooks_version" ON "rulebooks"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ix_run_files_run_kind_key" ON "run_files"("run_id", "kind", "output_key");

-- CreateIndex
CREATE INDEX "ix_loan_exceptions_run_id_type" ON "loan_exceptions"("run_id", "exception_type");

-- CreateIndex
CREATE INDEX "ix_loan_facts_run_id_disposition" ON "loan_facts"("run_id", "disposition");

