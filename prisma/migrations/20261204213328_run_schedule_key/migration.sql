-- AlterTable
ALTER TABLE "pipeline_runs" ADD COLUMN     "schedule_key" VARCHAR(600);

-- CreateIndex
CREATE UNIQUE INDEX "ix_pipeline_runs_schedule_key" ON "pipeline_runs"("schedule_key");

