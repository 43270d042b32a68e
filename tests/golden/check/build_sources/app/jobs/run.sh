#!/bin/sh
echo job
