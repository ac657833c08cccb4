variable "name_prefix" {
  description = "{app_name}-{environment}, the prefix of every resource name"
  type        = string
}

variable "vpc_id" {
  description = "VPC of the target group"
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the load balancer (two availability zones or more)"
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the load balancer"
  type        = string
}

variable "container_port" {
  description = "Port of the targets"
  type        = number
}

variable "health_check_path" {
  description = "Health check path"
  type        = string
  default     = "/health/ready"
}
