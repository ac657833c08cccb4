variable "name_prefix" {
  description = "{app_name}-{environment}, the prefix of every resource name"
  type        = string
}

variable "app_name" {
  description = "Application name (APP_NAME in the container)"
  type        = string
}

variable "region" {
  description = "AWS region (logs, S3_REGION)"
  type        = string
}

variable "image" {
  description = "Container image (ECR repository URL and tag)"
  type        = string
}

variable "container_port" {
  description = "Port the API listens on"
  type        = number
}

variable "cpu" {
  description = "Fargate task CPU units"
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate task memory in MiB"
  type        = number
  default     = 1024
}

variable "desired_count" {
  description = "Number of running tasks"
  type        = number
  default     = 1
}

variable "log_retention_days" {
  description = "CloudWatch log retention"
  type        = number
  default     = 30
}

variable "subnet_ids" {
  description = "Private subnets for the tasks"
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the tasks"
  type        = string
}

variable "target_group_arn" {
  description = "Load balancer target group"
  type        = string
}

variable "execution_role_arn" {
  description = "Task execution role (ECR pull, logs, secrets)"
  type        = string
}

variable "task_role_arn" {
  description = "Task role (S3 access)"
  type        = string
}

variable "database_url_secret_arn" {
  description = "Secret injected as DATABASE_URL"
  type        = string
}

variable "secret_key_secret_arn" {
  description = "Secret injected as SECRET_KEY"
  type        = string
}

variable "admin_password_secret_arn" {
  description = "Secret injected as ADMIN_PASSWORD"
  type        = string
}

variable "s3_bucket_name" {
  description = "Bucket for the application's files (S3_BUCKET_NAME)"
  type        = string
}

variable "cors_origins" {
  description = "CORS_ORIGINS; empty leaves the application's default"
  type        = string
  default     = ""
}
