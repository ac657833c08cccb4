-- CreateTable
CREATE TABLE "sales_teams" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "hashed_password" TEXT NOT NULL,
    "full_name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'analyst',
    "sales_team_id" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_sales_team_id_fkey" FOREIGN KEY ("sales_team_id") REFERENCES "sales_teams" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "pipeline_runs" (
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
    CONSTRAINT "pipeline_runs_sales_team_id_fkey" FOREIGN KEY ("sales_team_id") REFERENCES "sales_teams" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "loan_exceptions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "seller_loan_number" TEXT NOT NULL,
    "exception_type" TEXT NOT NULL,
    "exception_category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT,
    "rejection_criteria" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "loan_exceptions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs" ("run_id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "loan_facts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "seller_loan_number" TEXT NOT NULL,
    "disposition" TEXT,
    "loan_data" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "loan_facts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs" ("run_id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "sales_teams_name_key" ON "sales_teams"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ix_users_email" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ix_users_username" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "ix_pipeline_runs_run_id" ON "pipeline_runs"("run_id");

-- CreateIndex
CREATE INDEX "ix_loan_exceptions_run_id" ON "loan_exceptions"("run_id");

-- CreateIndex
CREATE INDEX "ix_loan_exceptions_seller_loan_number" ON "loan_exceptions"("seller_loan_number");

-- CreateIndex
CREATE INDEX "ix_loan_facts_run_id" ON "loan_facts"("run_id");

-- CreateIndex
CREATE INDEX "ix_loan_facts_seller_loan_number" ON "loan_facts"("seller_loan_number");

