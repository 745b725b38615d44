VI = {
    "Operations dashboard": "Bảng điều hành",
}
