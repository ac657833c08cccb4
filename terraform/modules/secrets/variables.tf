variable "name_prefix" {
  description = "{app_name}-{environment}, the prefix of every resource name"
  type        = string
}

variable "db_username" {
  description = "PostgreSQL master user name"
  type        = string
}

variable "db_name" {
  description = "PostgreSQL database name"
  type        = string
}

variable "db_host" {
  description = "Host name of the RDS instance"
  type        = string
}

variable "db_port" {
  description = "Port of the RDS instance"
  type        = number
}

variable "admin_password" {
  description = "Admin password to store; empty generates one"
  type        = string
  default     = ""
  sensitive   = true
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can be restored (0 deletes at once)"
  type        = number
  default     = 7
}
