variable "name_prefix" {
  description = "{app_name}-{environment}, the prefix of every resource name"
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC"
  type        = string
}

variable "az_count" {
  description = "Number of availability zones (one public and one private subnet in each)"
  type        = number
  default     = 2
}

variable "container_port" {
  description = "Port the tasks accept traffic on from the load balancer"
  type        = number
}

variable "db_port" {
  description = "PostgreSQL port the database accepts from the tasks"
  type        = number
  default     = 5432
}
