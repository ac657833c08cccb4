-- AlterTable
ALTER TABLE "loan_facts" ADD COLUMN     "price_pct" DOUBLE PRECISION,
ADD COLUMN     "purchase_price" DECIMAL(16,2),
ADD COLUMN     "wal_years" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "pipeline_runs" ADD COLUMN     "created_by_id" INTEGER,
ADD COLUMN     "error_message" TEXT,
ADD COLUMN     "failed_phase" VARCHAR(100),
ADD COLUMN     "folder" VARCHAR(500),
ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(6),
ADD COLUMN     "irr_target" DOUBLE PRECISION,
ADD COLUMN     "progress_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "progress_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rulebook_version" INTEGER,
ADD COLUMN     "summary" JSONB,
ADD COLUMN     "trigger" VARCHAR(20) NOT NULL DEFAULT 'api',
ADD COLUMN     "worker_id" VARCHAR(100);

-- CreateTable
CREATE TABLE "rulebooks" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "content" JSONB NOT NULL,
    "comment" VARCHAR(500),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rulebooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_files" (
    "id" SERIAL NOT NULL,
    "run_id" VARCHAR(36) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "output_key" VARCHAR(100) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "area" VARCHAR(20) NOT NULL,
    "path" VARCHAR(1000) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" VARCHAR(64),
    "content_type" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ix_rulebooks_version" ON "rulebooks"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ix_run_files_run_kind_key" ON "run_files"("run_id", "kind", "output_key");

-- CreateIndex
CREATE INDEX "ix_loan_exceptions_run_id_type" ON "loan_exceptions"("run_id", "exception_type");

-- CreateIndex
CREATE INDEX "ix_loan_facts_run_id_disposition" ON "loan_facts"("run_id", "disposition");

-- CreateIndex
CREATE INDEX "ix_pipeline_runs_status" ON "pipeline_runs"("status");

-- CreateIndex
CREATE INDEX "ix_pipeline_runs_created_at" ON "pipeline_runs"("created_at");

-- AddForeignKey
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rulebooks" ADD CONSTRAINT "rulebooks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_files" ADD CONSTRAINT "run_files_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("run_id") ON DELETE RESTRICT ON UPDATE CASCADE;

