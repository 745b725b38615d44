VI = {
    "Targets and programmes": "Chỉ tiêu và chương trình",
}
