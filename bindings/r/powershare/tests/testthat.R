library(testthat)
library(powershare)
test_check("powershare")
