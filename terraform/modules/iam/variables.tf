variable "name_prefix" {
  description = "{app_name}-{environment}, the prefix of every resource name"
  type        = string
}

variable "secret_arns" {
  description = "Secrets Manager secrets the execution role may read (injected into the task)"
  type        = list(string)
}

variable "s3_bucket_arn" {
  description = "The application's bucket: the only one the task role may use"
  type        = string
}
