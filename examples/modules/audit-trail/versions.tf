terraform {
  required_version = ">= 1.5.0"

  required_providers {
    actiontrail = {
      source  = "openactiontrail/actiontrail"
      version = ">= 0.1.0"
    }
  }
}
