# ECS on Fargate: cluster, the task definition (image from ECR, configuration as environment
# variables, secrets from Secrets Manager), the service in the private subnets behind the load
# balancer, and its CloudWatch log group /ecs/{app_name}-{environment}.
#
# The deploy workflow registers new task definition revisions (image tagged with the commit SHA)
# from the latest revision of this family, so the service ignores task_definition changes here:
# `terraform apply` does not roll the service back to an older image.

locals {
  container_name = "app"

  environment = concat(
    [
      { name = "ENVIRONMENT", value = "production" },
      { name = "APP_NAME", value = var.app_name },
      { name = "PORT", value = tostring(var.container_port) },
      { name = "STORAGE_TYPE", value = "s3" },
      { name = "S3_BUCKET_NAME", value = var.s3_bucket_name },
      { name = "S3_REGION", value = var.region },
      # One proxy (the ALB) in front: believe its X-Forwarded-For for throttling and audit IPs.
      { name = "TRUST_PROXY", value = "1" },
    ],
    var.cors_origins == "" ? [] : [{ name = "CORS_ORIGINS", value = var.cors_origins }],
  )

  secrets = [
    { name = "DATABASE_URL", valueFrom = var.database_url_secret_arn },
    { name = "SECRET_KEY", valueFrom = var.secret_key_secret_arn },
    { name = "ADMIN_PASSWORD", valueFrom = var.admin_password_secret_arn },
  ]
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.name_prefix}"
  retention_in_days = var.log_retention_days
}

resource "aws_ecs_cluster" "main" {
  name = "${var.name_prefix}-cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${var.name_prefix}-task"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name         = local.container_name
      image        = var.image
      essential    = true
      portMappings = [{ containerPort = var.container_port, protocol = "tcp" }]
      environment  = local.environment
      secrets      = local.secrets
      stopTimeout  = 30
      healthCheck = {
        command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:${var.container_port}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 120
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.app.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "app"
        }
      }
    }
  ])
}

resource "aws_ecs_service" "app" {
  name            = "${var.name_prefix}-service"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  # The entrypoint migrates and seeds before the server listens.
  health_check_grace_period_seconds  = 180
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [var.security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  lifecycle {
    ignore_changes = [task_definition]
  }
}
