module example.com/runtimes/gosvc

go 1.22
