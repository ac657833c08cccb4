-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "sales_teams" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sales_teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "username" VARCHAR(100) NOT NULL,
    "hashed_password" VARCHAR(255) NOT NULL,
    "full_name" VARCHAR(255),
    "role" VARCHAR(20) NOT NULL DEFAULT 'analyst',
    "sales_team_id" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipeline_runs" (
    "id" SERIAL NOT NULL,
    "run_id" VARCHAR(36) NOT NULL,
    "status" VARCHAR(50) NOT NULL DEFAULT 'pending',
    "sales_team_id" INTEGER,
    "total_loans" INTEGER NOT NULL DEFAULT 0,
    "total_balance" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "exceptions_count" INTEGER NOT NULL DEFAULT 0,
    "run_weekday" INTEGER,
    "run_weekday_name" VARCHAR(20),
    "pdate" VARCHAR(20),
    "last_phase" VARCHAR(100),
    "output_dir" VARCHAR(500),
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_exceptions" (
    "id" SERIAL NOT NULL,
    "run_id" VARCHAR(36) NOT NULL,
    "seller_loan_number" VARCHAR(50) NOT NULL,
    "exception_type" VARCHAR(100) NOT NULL,
    "exception_category" VARCHAR(100) NOT NULL,
    "severity" VARCHAR(20) NOT NULL,
    "message" TEXT,
    "rejection_criteria" VARCHAR(200),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loan_exceptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_facts" (
    "id" SERIAL NOT NULL,
    "run_id" VARCHAR(36) NOT NULL,
    "seller_loan_number" VARCHAR(50) NOT NULL,
    "disposition" VARCHAR(20),
    "loan_data" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loan_facts_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_sales_team_id_fkey" FOREIGN KEY ("sales_team_id") REFERENCES "sales_teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_sales_team_id_fkey" FOREIGN KEY ("sales_team_id") REFERENCES "sales_teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_exceptions" ADD CONSTRAINT "loan_exceptions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("run_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_facts" ADD CONSTRAINT "loan_facts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("run_id") ON DELETE RESTRICT ON UPDATE CASCADE;

