# Test environment. Copy and adjust for other environments (and use a different backend key).
app_name          = "loan-engine"
environment       = "test"
region            = "us-east-1"
db_instance_class = "db.t3.micro"
db_name           = "loan_engine"
db_username       = "postgres"
container_port    = 8000
vpc_cidr          = "10.0.0.0/16"

az_count                 = 2
db_allocated_storage     = 20
db_backup_retention_days = 7
db_multi_az              = false
# A test environment may be torn down with `terraform destroy`.
db_deletion_protection       = false
db_skip_final_snapshot       = true
secrets_recovery_window_days = 0
ecr_force_delete             = true
s3_force_destroy             = true

task_cpu           = 512
task_memory        = 1024
desired_count      = 1
log_retention_days = 30
