/* cli.c: being written */
#include "cli.h"
