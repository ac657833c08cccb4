# Inputs. The first block is the original scaffold's list; the rest sizes and tunes the modules.

variable "app_name" {
  description = "Application name, the first part of every resource name"
  type        = string
  default     = "loan-engine"
}

variable "environment" {
  description = "Environment name (test, staging, production), the second part of every resource name"
  type        = string
  default     = "test"
}

variable "region" {
  description = "AWS region"
  type        = string
  default     = "us-east-1"
}

variable "db_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.t3.micro"
}

variable "db_name" {
  description = "PostgreSQL database name"
  type        = string
  default     = "loan_engine"
}

variable "db_username" {
  description = "PostgreSQL master user name"
  type        = string
  default     = "postgres"
}

variable "container_port" {
  description = "Port the API listens on inside the container"
  type        = number
  default     = 8000
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC"
  type        = string
  default     = "10.0.0.0/16"
}

# --- Networking -----------------------------------------------------------------------------

variable "az_count" {
  description = "Availability zones to spread the public and private subnets over"
  type        = number
  default     = 2
}

variable "db_port" {
  description = "PostgreSQL port"
  type        = number
  default     = 5432
}

# --- Database -------------------------------------------------------------------------------

variable "db_allocated_storage" {
  description = "RDS storage in GiB"
  type        = number
  default     = 20
}

variable "db_backup_retention_days" {
  description = "Days of automated RDS backups"
  type        = number
  default     = 7
}

variable "db_multi_az" {
  description = "Run RDS with a standby in a second availability zone"
  type        = bool
  default     = false
}

variable "db_deletion_protection" {
  description = "Refuse to delete the RDS instance"
  type        = bool
  default     = true
}

variable "db_skip_final_snapshot" {
  description = "Skip the final snapshot when the RDS instance is destroyed"
  type        = bool
  default     = false
}

# --- Application service ----------------------------------------------------------------------

variable "image_tag" {
  description = "Image tag the task definition starts with; the deploy workflow registers new revisions with the commit SHA"
  type        = string
  default     = "latest"
}

variable "task_cpu" {
  description = "Fargate task CPU units"
  type        = number
  default     = 512
}

variable "task_memory" {
  description = "Fargate task memory in MiB"
  type        = number
  default     = 1024
}

variable "desired_count" {
  description = "Number of running tasks"
  type        = number
  default     = 1
}

variable "health_check_path" {
  description = "Path the load balancer checks (readiness: answers 200 only when the database does)"
  type        = string
  default     = "/health/ready"
}

variable "log_retention_days" {
  description = "CloudWatch log retention for the service"
  type        = number
  default     = 30
}

variable "cors_origins" {
  description = "CORS_ORIGINS for the API (empty: the app's default; the SPA is served same-origin)"
  type        = string
  default     = ""
}

# --- Secrets, registry, storage -----------------------------------------------------------------

variable "admin_password" {
  description = "Initial password of the `admin` user; leave empty to generate one (read it from Secrets Manager)"
  type        = string
  default     = ""
  sensitive   = true
}

variable "secrets_recovery_window_days" {
  description = "Days a deleted secret can be restored (0 deletes at once)"
  type        = number
  default     = 7
}

variable "ecr_keep_images" {
  description = "Images kept in the ECR repository"
  type        = number
  default     = 30
}

variable "ecr_force_delete" {
  description = "Allow destroying the ECR repository while it still holds images"
  type        = bool
  default     = false
}

variable "s3_force_destroy" {
  description = "Allow destroying the storage bucket while it still holds objects"
  type        = bool
  default     = false
}
