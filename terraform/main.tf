# Loan Engine on AWS: ECS Fargate behind an ALB, RDS PostgreSQL, S3 for files, ECR for the image,
# Secrets Manager for DATABASE_URL / SECRET_KEY / ADMIN_PASSWORD. Names follow
# {app_name}-{environment}-{resource}. See README "Deploy to AWS" for the order of operations.

terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # Remote state. Backend blocks cannot use variables: override per environment with
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="key=<app>/<env>/terraform.tfstate"
  backend "s3" {
    bucket       = "loan-engine-terraform-state"
    key          = "loan-engine/test/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = var.app_name
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

data "aws_caller_identity" "current" {}

locals {
  name_prefix = "${var.app_name}-${var.environment}"
  # S3 bucket names are global: the account id keeps them unique.
  bucket_name = "${local.name_prefix}-storage-${data.aws_caller_identity.current.account_id}"
  image       = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
}

# ---------------------------------------------------------------------------------------------
# Container registry and file storage (shared by the modules below)
# ---------------------------------------------------------------------------------------------

resource "aws_ecr_repository" "app" {
  name                 = "${local.name_prefix}-app"
  image_tag_mutability = "MUTABLE" # the workflow pushes <sha> and moves `latest`
  force_delete         = var.ecr_force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last ${var.ecr_keep_images} images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.ecr_keep_images
      }
      action = { type = "expire" }
    }]
  })
}

resource "aws_s3_bucket" "storage" {
  bucket        = local.bucket_name
  force_destroy = var.s3_force_destroy
}

resource "aws_s3_bucket_public_access_block" "storage" {
  bucket                  = aws_s3_bucket.storage.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "storage" {
  bucket = aws_s3_bucket.storage.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "storage" {
  bucket = aws_s3_bucket.storage.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "storage" {
  bucket = aws_s3_bucket.storage.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "storage_tls_only" {
  bucket     = aws_s3_bucket.storage.id
  depends_on = [aws_s3_bucket_public_access_block.storage]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.storage.arn, "${aws_s3_bucket.storage.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# ---------------------------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------------------------

module "networking" {
  source = "./modules/networking"

  name_prefix    = local.name_prefix
  vpc_cidr       = var.vpc_cidr
  az_count       = var.az_count
  container_port = var.container_port
  db_port        = var.db_port
}

module "secrets" {
  source = "./modules/secrets"

  name_prefix             = local.name_prefix
  db_username             = var.db_username
  db_name                 = var.db_name
  db_host                 = module.rds.address
  db_port                 = module.rds.port
  admin_password          = var.admin_password
  recovery_window_in_days = var.secrets_recovery_window_days
}

module "rds" {
  source = "./modules/rds"

  name_prefix           = local.name_prefix
  db_name               = var.db_name
  db_username           = var.db_username
  db_password           = module.secrets.db_password
  db_port               = var.db_port
  instance_class        = var.db_instance_class
  allocated_storage     = var.db_allocated_storage
  backup_retention_days = var.db_backup_retention_days
  multi_az              = var.db_multi_az
  deletion_protection   = var.db_deletion_protection
  skip_final_snapshot   = var.db_skip_final_snapshot
  subnet_ids            = module.networking.private_subnet_ids
  security_group_id     = module.networking.rds_security_group_id
}

module "alb" {
  source = "./modules/alb"

  name_prefix       = local.name_prefix
  vpc_id            = module.networking.vpc_id
  public_subnet_ids = module.networking.public_subnet_ids
  security_group_id = module.networking.alb_security_group_id
  container_port    = var.container_port
  health_check_path = var.health_check_path
}

module "iam" {
  source = "./modules/iam"

  name_prefix   = local.name_prefix
  s3_bucket_arn = aws_s3_bucket.storage.arn
  secret_arns = [
    module.secrets.database_url_secret_arn,
    module.secrets.secret_key_secret_arn,
    module.secrets.admin_password_secret_arn,
  ]
}

module "ecs" {
  source = "./modules/ecs"

  name_prefix               = local.name_prefix
  app_name                  = var.app_name
  region                    = var.region
  image                     = local.image
  container_port            = var.container_port
  cpu                       = var.task_cpu
  memory                    = var.task_memory
  desired_count             = var.desired_count
  log_retention_days        = var.log_retention_days
  subnet_ids                = module.networking.private_subnet_ids
  security_group_id         = module.networking.ecs_security_group_id
  target_group_arn          = module.alb.target_group_arn
  execution_role_arn        = module.iam.execution_role_arn
  task_role_arn             = module.iam.task_role_arn
  database_url_secret_arn   = module.secrets.database_url_secret_arn
  secret_key_secret_arn     = module.secrets.secret_key_secret_arn
  admin_password_secret_arn = module.secrets.admin_password_secret_arn
  s3_bucket_name            = aws_s3_bucket.storage.id
  cors_origins              = var.cors_origins

  # The target group must be attached to the load balancer's listener before a service uses it.
  depends_on = [module.alb]
}
